import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  VersionColumn,
} from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { FindingArea, InspectionSubjectType } from './inspection.enums';
import { Inspection } from './inspection.entity';

export enum PlanScope {
  TERM = 'TERM',
  YEAR = 'YEAR',
}
registerEnumType(PlanScope, {
  name: 'PlanScope',
  description: 'Whether a programme covers the whole term or one year (chương trình toàn khóa hay hằng năm).',
  valuesConfig: {
    TERM: { description: 'Chương trình kiểm tra, giám sát toàn khóa: the full term (2025-2030).' },
    YEAR: { description: 'Kế hoạch kiểm tra, giám sát năm: one year.' },
  },
});

/** An inspection and supervision programme: for the term or for one year. */
@ObjectType({
  description: 'An inspection and supervision programme (chương trình, kế hoạch kiểm tra, giám sát), for the term or a year.',
})
@Entity()
@Index('inspection_plan_scope_year_idx', ['scope', 'fromYear'], { unique: true })
export class InspectionPlan extends BaseRecord {
  @Field(() => PlanScope, { description: 'Term or year.' })
  @Column({ type: 'enum', enum: PlanScope, enumName: 'plan_scope' })
  scope!: PlanScope;

  @Field(() => Int, { description: 'First year covered (the year itself for a yearly plan).' })
  @Column({ type: 'int' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last year covered (the year itself for a yearly plan).' })
  @Column({ type: 'int' })
  toYear!: number;

  @Field({ description: 'Title.' })
  @Column({ type: 'text' })
  title!: string;

  @Field({ description: 'Body that issued it, e.g. "Ban Chấp hành Đảng bộ phường".' })
  @Column({ type: 'text' })
  issuingBody!: string;

  @Field(() => String, { nullable: true, description: 'Number of the document that issued it.' })
  @Column({ type: 'text', nullable: true })
  documentNumber!: string | null;
}

/** One planned inspection or supervision of a programme. */
@ObjectType({
  description:
    'A planned inspection or supervision of a programme; linked to the inspection once created from it (mục trong chương trình kiểm tra, giám sát).',
})
@Entity()
@Index('plan_item_plan_idx', ['planId', 'plannedYear', 'plannedQuarter'])
@Index('plan_item_inspection_idx', ['inspectionId'], { unique: true, where: 'inspection_id IS NOT NULL' })
export class PlanItem {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The programme.' })
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => InspectionPlan, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<InspectionPlan>;

  @Field({ description: 'When it was added.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Int, {
    description:
      'Optimistic-lock version: send it back with updatePlanItem; a stale one is a CONFLICT. Carrying the item out (createInspection with planItemId) moves it on too.',
  })
  @VersionColumn()
  version!: number;

  @Field({ description: 'Kind code from `inspectionKinds`.' })
  @Column({ type: 'text' })
  kind!: string;

  @Field(() => InspectionSubjectType, { description: 'A unit or a cadre.' })
  @Column({ type: 'enum', enum: InspectionSubjectType, enumName: 'inspection_subject_type' })
  subjectType!: InspectionSubjectType;

  @Field(() => ID, { nullable: true, description: 'The unit to inspect.' })
  @Column({ type: 'uuid', nullable: true })
  subjectUnitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_unit_id' })
  subjectUnit?: Relation<Unit> | null;

  @Field(() => ID, { nullable: true, description: 'The cadre to inspect.' })
  @Column({ type: 'uuid', nullable: true })
  subjectCadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_cadre_id' })
  subjectCadre?: Relation<Cadre> | null;

  @Field(() => FindingArea, { description: 'Area of focus.' })
  @Column({ type: 'enum', enum: FindingArea, enumName: 'finding_area' })
  area!: FindingArea;

  @Field(() => Int, { description: 'Year it is planned in.' })
  @Column({ type: 'int' })
  plannedYear!: number;

  @Field(() => Int, { description: 'Quarter it is planned in (1 to 4).' })
  @Column({ type: 'int' })
  plannedQuarter!: number;

  @Field({ description: 'Body responsible (e.g. "Ủy ban Kiểm tra Đảng ủy").' })
  @Column({ type: 'text' })
  responsibleBody!: string;

  @Field(() => ID, { nullable: true, description: 'The inspection created from this item.' })
  @Column({ type: 'uuid', nullable: true })
  inspectionId!: string | null;

  @ManyToOne(() => Inspection, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'inspection_id' })
  inspection?: Relation<Inspection> | null;
}
