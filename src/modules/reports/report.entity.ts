import { Account } from '../accounts/account.entity';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseRecord } from '../../db/base.entity';
import {
  ReportChannel,
  ReportComplexity,
  ReportField,
  ReportKind,
  ReportOutcome,
  ReportSource,
  ReportStatus,
} from './report.enums';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';
import { REDACTED } from './redaction';

/** A passage of the content marked by staff for redaction, as UTF-16 offsets [start, end). */
export interface RedactionRange {
  start: number;
  end: number;
}

/**
 * A complaint, denunciation, petition or feedback from the public, the press, the Fatherland
 * Front, inside the ward or from above. The reporter's identity is not here: it lives encrypted
 * in `reporter_identity`, readable only through the logged `reporterIdentity` field.
 */
@ObjectType({
  description: 'A report (đơn thư, phản ánh): complaint, denunciation, petition or feedback, with its handling state.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
@Entity()
@Index('report_open_due_idx', ['dueAt', 'id'], {
  where: `status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`,
})
// The board's count of anonymous denunciations kept as information: under row-level security an
// equality on the status enum is not leakproof, so it cannot be an index condition and the count
// read every report (1 s at a million); a partial index is chosen by its predicate instead.
@Index('report_information_idx', ['id'], { where: `status = 'INFORMATION'` })
@Index('report_received_at_idx', ['receivedAt', 'id'])
@Index('report_status_idx', ['status', 'receivedAt'])
@Index('report_search_trgm_idx', { synchronize: false })
export class Report extends BaseRecord {
  @Field(() => ReportKind, { description: 'Complaint, denunciation, petition or feedback.' })
  @Column({ type: 'enum', enum: ReportKind, enumName: 'report_kind' })
  kind!: ReportKind;

  @Field(() => ReportSource, { description: 'Who brought the report.' })
  @Column({ type: 'enum', enum: ReportSource, enumName: 'report_source' })
  source!: ReportSource;

  @Field(() => ReportChannel, { description: 'How it arrived.' })
  @Column({ type: 'enum', enum: ReportChannel, enumName: 'report_channel' })
  channel!: ReportChannel;

  @Field(() => ReportField, { description: 'Area it is about.' })
  @Column({ type: 'enum', enum: ReportField, enumName: 'report_field' })
  field!: ReportField;

  /** Short title, for the handler only (exposed through a field resolver: everyone else reads the redacted copy). */
  @Column({ type: 'text' })
  title!: string;

  /** The title with the reporter's identifying data removed. */
  @Column({ type: 'text', default: REDACTED })
  titleRedacted!: string;

  /** Full text, for the committee member handling the report only. */
  @Column({ type: 'text' })
  content!: string;

  /** The copy everyone else works on: marked passages and the reporter's identifying values removed. */
  @Column({ type: 'text' })
  contentRedacted!: string;

  @Field(() => ReportStatus, { description: 'Current handling stage.' })
  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status', default: ReportStatus.RECEIVED })
  status!: ReportStatus;

  @Field({ description: 'When the ward received it; the legal clock and the rule set in force start here.' })
  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** HMAC of the citizen's receipt code; the code itself is never stored. */
  @Index('report_receipt_key_idx', { unique: true, where: 'receipt_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  receiptKey!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Khiếu nại đông người: how many people filed it together (the representative included), or null for one reporter. The representative is the reporter; the members’ identities are sealed like the reporter’s.',
  })
  @Column({ type: 'integer', nullable: true })
  groupSize!: number | null;

  @Field({ description: 'The reporter gave no identity.' })
  @Column({ type: 'boolean', default: false })
  anonymous!: boolean;

  @Field({
    description:
      'An anonymous or unidentifiable denunciation: not handled as a denunciation under the law (Luật Tố cáo Art. 25) but kept as information for inspection.',
  })
  @Column({ type: 'boolean', default: false })
  treatedAsInformation!: boolean;

  /** Who or what it concerns in the reporter's words, for the handler only (see `title`). */
  @Column({ type: 'text', nullable: true })
  concernedText!: string | null;

  /** The same with the reporter's identifying data removed. */
  @Column({ type: 'text', nullable: true })
  concernedTextRedacted!: string | null;

  @Column({ type: 'uuid', nullable: true })
  handlerId!: string | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handler_id' })
  handlerAccount?: Relation<Account> | null;

  @Field(() => ReportComplexity, { description: 'Complexity, which sets the resolution deadline and its extensions.' })
  @Column({ type: 'enum', enum: ReportComplexity, enumName: 'report_complexity', default: ReportComplexity.ORDINARY })
  complexity!: ReportComplexity;

  @Field({ description: 'Remote-area rules apply (longer deadlines).' })
  @Column({ type: 'boolean', default: false })
  remoteArea!: boolean;

  @Field({ description: 'When the current stage started.' })
  @Column({ type: 'timestamptz' })
  stageStartedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Legal due date of the current stage; null once the report is finished.' })
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Field({ description: 'Id of the deadline rule set in force on the day the report was received.' })
  @Column({ type: 'text' })
  ruleSetId!: string;

  @Field(() => Date, { nullable: true, description: 'When the report was accepted for handling (thụ lý).' })
  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Ngày thụ lý: the day of the acceptance decision (YYYY-MM-DD, Vietnam); the resolution period counts from it. Not in the future, not before receipt; correctable with correctReport.',
  })
  @Column({ type: 'date', nullable: true })
  acceptedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Ngày kết luận: the day of the conclusion (YYYY-MM-DD); not before acceptance, not in the future.',
  })
  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Ngày chuyển đơn: the day a report the ward is not competent for was forwarded to `transferredTo` (YYYY-MM-DD).',
  })
  @Column({ type: 'date', nullable: true })
  forwardedOn!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'The last instant to forward it (Luật Tố cáo Art. 24(2): 5 working days from receipt), for kinds whose rule set has a TRANSFER rule.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  forwardingDueAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Ngày trả lời: the day the reply was given (YYYY-MM-DD); not before the conclusion, not in the future.',
  })
  @Column({ type: 'date', nullable: true })
  repliedOn!: string | null;

  /**
   * The earliest 30-day press reply deadline (Luật Báo chí Art. 39) of press reports merged into
   * this one and not yet answered: the duty moves with the merge, so `dueAt` is never later.
   */
  @Field(() => Date, {
    nullable: true,
    description:
      'The earliest reply deadline of the press reports merged into this one (Luật Báo chí Art. 39, 30 days); `dueAt` is never later while it is open.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  mergedPressDueAt!: Date | null;

  @Field(() => ReportOutcome, { nullable: true, description: 'Outcome of the verification, once concluded.' })
  @Column({ type: 'enum', enum: ReportOutcome, enumName: 'report_outcome', nullable: true })
  outcome!: ReportOutcome | null;

  @Field(() => String, { nullable: true, description: 'Conclusion text (kết luận).' })
  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Field(() => String, { nullable: true, description: 'The reply to the reporter, also shown on the public tracking page.' })
  @Column({ type: 'text', nullable: true })
  publicReply!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the report was not accepted.' })
  @Column({ type: 'text', nullable: true })
  notAcceptedReason!: string | null;

  @Field(() => String, { nullable: true, description: 'The competent body the report was forwarded to.' })
  @Column({ type: 'text', nullable: true })
  transferredTo!: string | null;

  @Index('report_merged_into_idx', { where: 'merged_into_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @ManyToOne(() => Report, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: Relation<Report> | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'Đã tiêu hủy theo thời hạn lưu trữ: when the reporter’s identity and the evidence were destroyed at the end of the retention period (confirmed by destroyReportsPastRetention). The report, its redacted texts and its place in every count remain. Null while kept.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  identityDestroyedAt!: Date | null;

  /** Client-chosen key that makes a retried public submission return the same receipt. */
  @Index('report_idempotency_key_idx', { unique: true, where: 'idempotency_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the submitted content, to tell a retry from a different submission. */
  @Column({ type: 'text', nullable: true })
  contentHash!: string | null;

  /** Encrypted receipt code, so a retried submission can be answered with the same receipt. */
  @Column({ type: 'text', nullable: true })
  receiptSealed!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  redactions!: RedactionRange[];

  @Field(() => String, { nullable: true, description: 'Press outlet (tên báo) of a press report.' })
  @Column({ type: 'text', nullable: true })
  pressOutlet!: string | null;

  @Field(() => String, { nullable: true, description: 'Title of the press article.' })
  @Column({ type: 'text', nullable: true })
  articleTitle!: string | null;

  @Field(() => String, { nullable: true, description: 'URL of the press article; unique among reports.' })
  @Index('report_article_url_idx', { unique: true, where: 'article_url IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  articleUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date of the press article (YYYY-MM-DD).' })
  @Column({ type: 'date', nullable: true })
  publishedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Author of the press article, when known.' })
  @Column({ type: 'text', nullable: true })
  articleAuthor!: string | null;
}
