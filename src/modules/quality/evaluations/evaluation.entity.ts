import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../../db/base.entity';
import { Cadre } from '../../cadres/cadre.entity';
import { Unit } from '../../units/unit.entity';
import { Rating } from '../quality.enums';

@ObjectType({ description: 'One key task of a personal work plan (nhiệm vụ trong kế hoạch công tác).' })
export class WorkPlanTask {
  @Field({ description: 'The task.' })
  title!: string;

  @Field(() => String, { description: 'Deadline (YYYY-MM-DD).' })
  deadline!: string;

  @Field({ description: 'Expected output (sản phẩm).' })
  output!: string;

  @Field(() => String, { nullable: true, description: 'What was delivered, filled in at the review.' })
  result!: string | null;
}

/** A cadre's personal work plan for a year (the resolution, III.2): key tasks, deadlines, outputs. */
@ObjectType({
  description: 'A cadre’s personal work plan for a year (kế hoạch công tác cá nhân); the annual rating refers to it.',
})
@Entity()
@Index('work_plan_key', ['cadreId', 'year'], { unique: true })
export class WorkPlan extends BaseRecord {
  @Field(() => ID, { description: 'The cadre.' })
  @Column({ type: 'uuid' })
  cadreId!: string;

  @ManyToOne(() => Cadre, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre>;

  @Field(() => Int, { description: 'Year.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => [WorkPlanTask], { description: 'Key tasks, in the order given.' })
  @Column({ type: 'jsonb' })
  tasks!: WorkPlanTask[];

  @Field(() => String, { nullable: true, description: 'The unit head’s periodic review.' })
  @Column({ type: 'text', nullable: true })
  reviewNote!: string | null;
}

/** The annual evaluation and rating of one cadre for one year. */
@ObjectType({ description: 'Annual evaluation and rating of a cadre (đánh giá, xếp loại chất lượng hằng năm).' })
@Entity()
@Index('evaluation_key', ['cadreId', 'year'], { unique: true })
@Index('evaluation_group_idx', ['unitId', 'year', 'taskGroup'])
@Index('evaluation_year_idx', ['year'])
export class Evaluation extends BaseRecord {
  @Field(() => ID, { description: 'The cadre.' })
  @Column({ type: 'uuid' })
  cadreId!: string;

  @ManyToOne(() => Cadre, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre>;

  @Field(() => Int, { description: 'Year evaluated.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => ID, { description: 'The unit the cadre was rated in (the quota counts per unit and task group).' })
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Field({ description: 'Task group (nhóm đối tượng có nhiệm vụ tương đồng): LEADERS or STAFF by default.' })
  @Column({ type: 'text' })
  taskGroup!: string;

  @Field({ description: 'The cadre’s self-assessment (tự đánh giá).' })
  @Column({ type: 'text' })
  selfAssessment!: string;

  @Field(() => String, { nullable: true, description: 'The unit head’s assessment (nhận xét, đánh giá của thủ trưởng).' })
  @Column({ type: 'text', nullable: true })
  unitHeadAssessment!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Score on 100 points where the rules use one (Decree 335/2025); the rating may not be above its band.',
  })
  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  score!: number | null;

  @Field(() => Rating, { description: 'The rating.' })
  @Column({ type: 'enum', enum: Rating, enumName: 'rating' })
  rating!: Rating;

  @Field({ description: 'Id of the evaluation rule set applied (in force on 31 December of the year).' })
  @Column({ type: 'text' })
  ruleSetId!: string;

  /** Who recorded or last changed the rating. */
  @Column({ type: 'uuid', nullable: true })
  ratedById!: string | null;
}

/** A recorded exception to the 20% quota of "excellent" ratings, for an outstanding unit. */
@ObjectType({
  description:
    'A recorded exception to the quota of "excellent" ratings for a unit, year and task group (decided case by case) (ngoại lệ về tỷ lệ hoàn thành xuất sắc).',
})
@Entity()
@Index('rating_quota_exception_key', ['unitId', 'year', 'taskGroup'], { unique: true })
export class RatingQuotaException extends BaseRecord {
  @Field(() => ID, { description: 'The unit.' })
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Field(() => Int, { description: 'Year.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field({ description: 'Task group it covers.' })
  @Column({ type: 'text' })
  taskGroup!: string;

  @Field({ description: 'Decision that grants the exception.' })
  @Column({ type: 'text' })
  decisionNumber!: string;

  @Field({ description: 'Why the unit is outstanding.' })
  @Column({ type: 'text' })
  reason!: string;
}
