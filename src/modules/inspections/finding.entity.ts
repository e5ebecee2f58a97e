import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Inspection } from './inspection.entity';
import { FindingArea, FindingRecommendation, FindingSeverity, FindingStatus } from './inspection.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';

/**
 * A finding recorded during an inspection. Findings are not edited afterwards (the record is the
 * record): a finding recorded in error is withdrawn with a reason, never deleted.
 */
@ObjectType({
  description: 'A finding (phát hiện) recorded during an inspection or supervision.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('finding_inspection_idx', ['inspectionId', 'recordedAt'])
// Keyset pages in recorded order walk (recorded_at, id); severity and area ride along so that the
// board's findings of the month by severity and area are an index-only range, not a heap visit per finding.
// status rides along too: withdrawn findings drop out of the board's figures without a heap visit.
@Index('finding_recorded_idx', ['recordedAt', 'id', 'severity', 'area', 'status'])
@Index('finding_cadre_ids_idx', { synchronize: false })
@Index('finding_unit_ids_idx', { synchronize: false })
export class Finding {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The inspection it was recorded in.' })
  @Column({ type: 'uuid' })
  inspectionId!: string;

  @ManyToOne(() => Inspection, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inspection_id' })
  inspectionRef?: Relation<Inspection>;

  @Field({ description: 'When it was recorded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field({ description: 'What was found.' })
  @Column({ type: 'text' })
  description!: string;

  @Field(() => FindingArea, { description: 'Area, including the "3 không".' })
  @Column({ type: 'enum', enum: FindingArea, enumName: 'finding_area' })
  area!: FindingArea;

  @Field(() => FindingSeverity, { description: 'Severity.' })
  @Column({ type: 'enum', enum: FindingSeverity, enumName: 'finding_severity' })
  severity!: FindingSeverity;

  @Field(() => [ID], { description: 'Cadres concerned.' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  concernedCadreIds!: string[];

  @Field(() => [ID], { description: 'Units concerned.' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  concernedUnitIds!: string[];

  @Field(() => String, { nullable: true, description: 'Evidence (tài liệu, chứng cứ): references to documents.' })
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Field(() => FindingRecommendation, { description: 'What the team recommends.' })
  @Column({ type: 'enum', enum: FindingRecommendation, enumName: 'finding_recommendation' })
  recommendation!: FindingRecommendation;

  @Field(() => String, { nullable: true, description: 'Correct by this date (YYYY-MM-DD), for CORRECT_BY_DATE.' })
  @Column({ type: 'date', nullable: true })
  correctBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Field(() => FindingStatus, {
    description: 'RECORDED, or WITHDRAWN (recorded in error): still readable, but out of the board’s figures and counts.',
  })
  @Column({ type: 'enum', enum: FindingStatus, enumName: 'finding_status', default: FindingStatus.RECORDED })
  status!: FindingStatus;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' })
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn (recorded in error).' })
  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  /** The account that withdrew it. */
  @Column({ type: 'uuid', nullable: true })
  withdrawnBy!: string | null;
}
