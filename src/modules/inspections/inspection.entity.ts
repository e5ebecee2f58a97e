import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { BaseRecord } from '../../db/base.entity';
import { FindingArea, InspectionStatus, InspectionSubjectType, OverallAssessment } from './inspection.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/**
 * An inspection or a supervision (kiểm tra, giám sát) of a Party organisation/unit or of a cadre
 * who is a Party member. The team and the triggering reports are id arrays (GIN-indexed), so
 * "inspections of which X is a member / which report Y triggered" is one indexed query.
 */
@ObjectType({
  description: 'An inspection or supervision (cuộc kiểm tra, giám sát) run by the Inspection Committee.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('inspection_created_idx', ['createdAt', 'id'])
// The board's inspectionsInProgress: an index-only count (src/modules/board).
@Index('inspection_in_progress_idx', ['status'], { where: `status IN ('IN_PROGRESS', 'FINDINGS_REPORTED')` })
@Index('inspection_subject_cadre_idx', ['subjectCadreId'])
@Index('inspection_subject_unit_idx', ['subjectUnitId'])
@Index('inspection_report_ids_idx', { synchronize: false })
export class Inspection extends BaseRecord {
  @Field({ description: 'Kind code from the inspection kinds data (see `inspectionKinds`), e.g. THEMATIC_INSPECTION.' })
  @Column({ type: 'text' })
  kind!: string;

  @Field({ description: 'Short title (tên cuộc kiểm tra).' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => InspectionStatus, { description: 'Current stage.' })
  @Column({ type: 'enum', enum: InspectionStatus, enumName: 'inspection_status', default: InspectionStatus.PLANNED })
  status!: InspectionStatus;

  @Field(() => InspectionSubjectType, { description: 'A unit or a cadre.' })
  @Column({ type: 'enum', enum: InspectionSubjectType, enumName: 'inspection_subject_type' })
  subjectType!: InspectionSubjectType;

  @Field(() => ID, { nullable: true, description: 'The unit inspected (subjectType UNIT).' })
  @Column({ type: 'uuid', nullable: true })
  subjectUnitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_unit_id' })
  subjectUnit?: Relation<Unit> | null;

  @Field(() => ID, { nullable: true, description: 'The cadre inspected (subjectType CADRE).' })
  @Column({ type: 'uuid', nullable: true })
  subjectCadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_cadre_id' })
  subjectCadre?: Relation<Cadre> | null;

  @Field(() => String, { nullable: true, description: 'Decision number (số quyết định), once decided.' })
  @Column({ type: 'text', nullable: true })
  decisionNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Decision date (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  decisionDate!: string | null;

  /** The account that recorded the decision: it, or the Inspection Committee, may correct it. */
  @Column({ type: 'uuid', nullable: true })
  decisionRecordedBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Body that issued the decision (cơ quan ban hành), e.g. "Ủy ban Kiểm tra Đảng ủy phường".',
  })
  @Column({ type: 'text', nullable: true })
  issuingBody!: string | null;

  @Field(() => ID, { nullable: true, description: 'Team leader (trưởng đoàn), a cadre.' })
  @Column({ type: 'uuid', nullable: true })
  leaderId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Relation<Cadre> | null;

  @Field(() => [ID], { description: 'Team members other than the leader (thành viên đoàn), cadres.' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  memberIds!: string[];

  @Field(() => String, { description: 'Start of the period under inspection (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  periodFrom!: string;

  @Field(() => String, { description: 'End of the period under inspection (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  periodTo!: string;

  @Field(() => [FindingArea], { description: 'Areas of focus (nội dung trọng tâm).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  areas!: FindingArea[];

  @Field(() => [ID], { description: 'Reports (đơn thư) that triggered it.' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  reportIds!: string[];

  /** The team's internal notes: never shown to the cadre under inspection (resolver-guarded). */
  @Column({ type: 'text', nullable: true })
  internalNotes!: string | null;

  @Field(() => String, { nullable: true, description: 'Conclusion text (kết luận), once concluded.' })
  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Field(() => OverallAssessment, { nullable: true, description: 'Overall assessment, once concluded.' })
  @Column({ type: 'enum', enum: OverallAssessment, enumName: 'overall_assessment', nullable: true })
  assessment!: OverallAssessment | null;

  @Field(() => Date, { nullable: true, description: 'When it was concluded.' })
  @Column({ type: 'timestamptz', nullable: true })
  concludedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  /** The account that recorded the conclusion (CONCLUDED); null before it, and for inspections concluded before this was kept. */
  @Column({ type: 'uuid', nullable: true })
  concludedBy!: string | null;

  /** The account that last wrote the internal notes. */
  @Column({ type: 'uuid', nullable: true })
  notesBy!: string | null;
}
