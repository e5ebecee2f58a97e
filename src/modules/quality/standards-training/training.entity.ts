import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../../db/base.entity';
import { Cadre } from '../../cadres/cadre.entity';
import { Unit } from '../../units/unit.entity';
import { TrainingCategory, TrainingMode, TrainingResult } from '../quality.enums';

@ObjectType({ description: 'A training course (lớp bồi dưỡng, tập huấn).' })
@Entity()
@Index('training_course_year_idx', ['year', 'category'])
export class TrainingCourse extends BaseRecord {
  @Field({ description: 'Title in Vietnamese.' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => TrainingCategory, { description: 'Topic category.' })
  @Column({ type: 'enum', enum: TrainingCategory, enumName: 'training_category' })
  category!: TrainingCategory;

  @Field(() => TrainingMode, { description: 'In person or online.' })
  @Column({ type: 'enum', enum: TrainingMode, enumName: 'training_mode' })
  mode!: TrainingMode;

  @Field(() => String, { description: 'First day (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => String, { description: 'Last day (YYYY-MM-DD); the course counts for the year of this day.' })
  @Column({ type: 'date' })
  endsOn!: string;

  @Field(() => Int, { description: 'Year the course counts for (the year of endsOn).' })
  @Column({ type: 'integer' })
  year!: number;

  @Field({ description: 'Provider (e.g. "Trung tâm Chính trị phường", "Trường Chính trị tỉnh").' })
  @Column({ type: 'text' })
  provider!: string;
}

/** One cadre's attendance of one course. Category and year are copied from the course for the indicators. */
@ObjectType({ description: 'A cadre’s attendance of a course, with result and certificate (kết quả tham gia bồi dưỡng).' })
@Entity()
@Index('training_attendance_key', ['courseId', 'cadreId'], { unique: true })
@Index('training_attendance_cadre_idx', ['cadreId', 'category', 'year'])
export class TrainingAttendance extends BaseRecord {
  @Field(() => ID, { description: 'The course.' })
  @Column({ type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => TrainingCourse, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<TrainingCourse>;

  @Field(() => ID, { description: 'The cadre.' })
  @Column({ type: 'uuid' })
  cadreId!: string;

  @ManyToOne(() => Cadre, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre>;

  @Field(() => TrainingCategory, { description: 'The course’s category.' })
  @Column({ type: 'enum', enum: TrainingCategory, enumName: 'training_category' })
  category!: TrainingCategory;

  @Field(() => Int, { description: 'The course’s year.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => TrainingResult, { description: 'Result.' })
  @Column({ type: 'enum', enum: TrainingResult, enumName: 'training_result' })
  result!: TrainingResult;

  @Field(() => String, {
    nullable: true,
    description: 'Certificate number (số chứng chỉ, giấy chứng nhận), when one was issued.',
  })
  @Column({ type: 'text', nullable: true })
  certificateNumber!: string | null;
}

@ObjectType({
  description: 'A unit’s yearly training plan for one category: how many of its cadres are to be trained (kế hoạch bồi dưỡng).',
})
@Entity()
@Index('training_plan_key', ['unitId', 'year', 'category'], { unique: true })
export class TrainingPlan extends BaseRecord {
  @Field(() => ID, { description: 'The unit.' })
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Field(() => Int, { description: 'Year.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => TrainingCategory, { description: 'Category.' })
  @Column({ type: 'enum', enum: TrainingCategory, enumName: 'training_category' })
  category!: TrainingCategory;

  @Field(() => Int, { description: 'Cadres of the unit (and the units below) planned to be trained in this category this year.' })
  @Column({ type: 'integer' })
  plannedCadres!: number;

  @Field(() => String, { nullable: true, description: 'Notes (courses foreseen, funding).' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
