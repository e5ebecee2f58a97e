import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Cadre } from '../cadres/cadre.entity';
import { Finding } from '../inspections/finding.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { BaseRecord } from '../../db/base.entity';
import {
  DecidingBody,
  DeferralReason,
  DisciplineForm,
  DisciplineOrigin,
  DisciplineSide,
  DisciplineStatus,
  DisciplineSubjectType,
  NoLimitationGround,
} from './discipline.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/** A discipline case (vụ việc kỷ luật) for a Party member, a Party organisation, or a cadre/civil servant. */
@ObjectType({
  description: 'A discipline case (vụ việc xem xét kỷ luật), from opening to a final decision or dropping.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('discipline_case_created_idx', ['createdAt', 'id'])
// The board's disciplineCasesByStatus: an index-only count (src/modules/board).
@Index('discipline_case_status_idx', ['status'])
@Index('discipline_case_cadre_idx', ['cadreId'])
@Index('discipline_case_unit_idx', ['unitId'])
@Index('discipline_case_finding_idx', ['findingId'])
@Index('discipline_case_report_idx', ['reportId'])
export class DisciplineCase extends BaseRecord {
  @Field(() => DisciplineSubjectType, { description: 'Who is disciplined; decides the forms allowed.' })
  @Column({ type: 'enum', enum: DisciplineSubjectType, enumName: 'discipline_subject_type' })
  subjectType!: DisciplineSubjectType;

  @Field(() => DisciplineSide, { description: 'Party or State discipline (from the subject type).' })
  @Column({ type: 'enum', enum: DisciplineSide, enumName: 'discipline_side' })
  side!: DisciplineSide;

  @Field(() => ID, { nullable: true, description: 'The cadre disciplined (every subject type but PARTY_ORGANISATION).' })
  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  @Field(() => ID, { nullable: true, description: 'The Party organisation disciplined (PARTY_ORGANISATION).' })
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  @Field(() => DisciplineOrigin, { description: 'Where the case came from.' })
  @Column({ type: 'enum', enum: DisciplineOrigin, enumName: 'discipline_origin' })
  origin!: DisciplineOrigin;

  @Field(() => ID, { nullable: true, description: 'The finding it came from (origin FINDING).' })
  @Column({ type: 'uuid', nullable: true })
  findingId!: string | null;

  @ManyToOne(() => Finding, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<Finding> | null;

  @Field(() => ID, { nullable: true, description: 'The report it came from (origin REPORT, or the report behind the finding).' })
  @Column({ type: 'uuid', nullable: true })
  reportId!: string | null;

  @ManyToOne(() => Report, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report> | null;

  @Field({ description: 'Summary of the violation.' })
  @Column({ type: 'text' })
  violationSummary!: string;

  @Field(() => String, { description: 'Date of the violation (YYYY-MM-DD); the statute of limitations counts from it.' })
  @Column({ type: 'date' })
  violationDate!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Date of a new violation by the same subject (YYYY-MM-DD); within the statute of limitations it restarts the clock (69-QĐ/TW).',
  })
  @Column({ type: 'date', nullable: true })
  newViolationDate!: string | null;

  @Field(() => NoLimitationGround, {
    nullable: true,
    description: 'Set when the violation is one for which no statute of limitations applies.',
  })
  @Column({ type: 'enum', enum: NoLimitationGround, enumName: 'no_limitation_ground', nullable: true })
  noLimitationGround!: NoLimitationGround | null;

  @Field(() => DisciplineStatus, { description: 'Current stage.' })
  @Column({ type: 'enum', enum: DisciplineStatus, enumName: 'discipline_status', default: DisciplineStatus.OPENED })
  status!: DisciplineStatus;

  @Field(() => String, { nullable: true, description: 'The subject’s self-criticism (bản tự kiểm điểm).' })
  @Column({ type: 'text', nullable: true })
  selfCriticism!: string | null;

  @Field(() => String, { nullable: true, description: 'The subject’s explanation (giải trình).' })
  @Column({ type: 'text', nullable: true })
  explanation!: string | null;

  @Field(() => DisciplineForm, { nullable: true, description: 'Form proposed.' })
  @Column({ type: 'enum', enum: DisciplineForm, enumName: 'discipline_form', nullable: true })
  proposedForm!: DisciplineForm | null;

  @Field(() => DisciplineForm, { nullable: true, description: 'Form decided (and, after an appeal, the final form).' })
  @Column({ type: 'enum', enum: DisciplineForm, enumName: 'discipline_form', nullable: true })
  form!: DisciplineForm | null;

  @Field(() => DecidingBody, {
    nullable: true,
    description:
      'The body that decided, once decided: one the rule data names for the form and subject type (`decidingBodies`, configurable, medium confidence).',
  })
  @Column({ type: 'enum', enum: DecidingBody, enumName: 'deciding_body', nullable: true })
  decidedBy!: DecidingBody | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the deciding body as written on the decision (cấp có thẩm quyền quyết định).',
  })
  @Column({ type: 'text', nullable: true })
  decidingBody!: string | null;

  /** The account that recorded the decision: it, or the Inspection Committee, may correct it. */
  @Column({ type: 'uuid', nullable: true })
  decisionRecordedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Decision number.' })
  @Column({ type: 'text', nullable: true })
  decisionNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Decision date (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  decisionDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Date the decision takes effect (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  effectiveDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the discipline rule set applied to the decision.' })
  @Column({ type: 'text', nullable: true })
  ruleSetId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of the statute of limitations at the decision (null: no limit or not decided).',
  })
  @Column({ type: 'date', nullable: true })
  limitationEndsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day on which the subject may appeal (YYYY-MM-DD), once decided.' })
  @Column({ type: 'date', nullable: true })
  appealDeadline!: string | null;

  @Field(() => String, { nullable: true, description: 'When the subject appealed (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  appealedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The appeal and its outcome.' })
  @Column({ type: 'text', nullable: true })
  appealNote!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the decision became final.' })
  @Column({ type: 'timestamptz', nullable: true })
  finalAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the case was dropped.' })
  @Column({ type: 'text', nullable: true })
  droppedReason!: string | null;

  @Field(() => DeferralReason, { nullable: true, description: 'Why the case is paused (while DEFERRED).' })
  @Column({ type: 'enum', enum: DeferralReason, enumName: 'deferral_reason', nullable: true })
  deferralReason!: DeferralReason | null;

  @Field(() => String, { nullable: true, description: 'Details of the deferral.' })
  @Column({ type: 'text', nullable: true })
  deferralNote!: string | null;

  @Field(() => DisciplineStatus, { nullable: true, description: 'The stage the case was paused in; resuming returns to it.' })
  @Column({ type: 'enum', enum: DisciplineStatus, enumName: 'discipline_status', nullable: true })
  pausedFrom!: DisciplineStatus | null;
}
