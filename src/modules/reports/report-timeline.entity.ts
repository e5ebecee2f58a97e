import { Report } from './report.entity';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ReportStatus } from './report.enums';

export enum TimelineEntryType {
  RECEIVED = 'RECEIVED',
  TRANSITION = 'TRANSITION',
  ASSIGNED = 'ASSIGNED',
  EXTENDED = 'EXTENDED',
  QUESTION_TO_REPORTER = 'QUESTION_TO_REPORTER',
  REPORTER_MESSAGE = 'REPORTER_MESSAGE',
  EVIDENCE_ADDED = 'EVIDENCE_ADDED',
  EVIDENCE_REDACTED = 'EVIDENCE_REDACTED',
  NOTE = 'NOTE',
  REDACTION_MARKED = 'REDACTION_MARKED',
  CORRECTED = 'CORRECTED',
  COMPLEXITY_FOUND = 'COMPLEXITY_FOUND',
  REPLY_SHARED = 'REPLY_SHARED',
}

registerEnumType(TimelineEntryType, {
  name: 'TimelineEntryType',
  description: 'What happened to a report (loại diễn biến).',
  valuesConfig: {
    RECEIVED: { description: 'Tiếp nhận: the report was received.' },
    TRANSITION: { description: 'Chuyển bước: it moved to another handling stage.' },
    ASSIGNED: { description: 'Phân công: a handler was assigned.' },
    EXTENDED: { description: 'Gia hạn: the resolution deadline was extended by a decision.' },
    QUESTION_TO_REPORTER: {
      description: 'Hỏi người gửi đơn: the handler asked the reporter something (shown on the tracking page).',
    },
    REPORTER_MESSAGE: { description: 'Người gửi đơn bổ sung: the reporter added information through the receipt code.' },
    EVIDENCE_ADDED: {
      description:
        'Bổ sung tài liệu, chứng cứ: an evidence file was attached (`note`: its name as uploaded for the handler, its neutral name for everyone else).',
    },
    EVIDENCE_REDACTED: {
      description:
        'The handler uploaded a redacted copy of an evidence file (bản đã che) for verifiers (`note`: the neutral name).',
    },
    NOTE: { description: 'Ghi chú: an internal note.' },
    REDACTION_MARKED: { description: 'Đánh dấu đoạn cần che: staff marked passages of the content for redaction.' },
    COMPLEXITY_FOUND: {
      description:
        'Vụ việc phức tạp: the case was found complex (or especially complex) or in a remote area at acceptance or during verification; `note` says why, `correction` what changed.',
    },
    REPLY_SHARED: {
      description:
        'Dùng chung văn bản trả lời: the report this one was merged into was answered: its reply is this report’s reply too (shown on the tracking page).',
    },
    CORRECTED: {
      description:
        'Staff corrected an attribute recorded at intake or a decision’s day or number (`correction` says which, from what, to what; `note` why). With actor SYSTEM and attribute DUE_AT, the rules recomputed the due date (hạn được tính lại): after such a correction, or after a change of the holiday calendar (`note` says which change and why).',
    },
  },
});

/** An attribute of a report that staff may correct after intake (correctReport). */
export enum CorrectedAttribute {
  KIND = 'KIND',
  FIELD = 'FIELD',
  CONCERNED_CADRES = 'CONCERNED_CADRES',
  CONCERNED_UNITS = 'CONCERNED_UNITS',
  COMPLEXITY = 'COMPLEXITY',
  REMOTE_AREA = 'REMOTE_AREA',
  ACCEPTED_ON = 'ACCEPTED_ON',
  FORWARDED_ON = 'FORWARDED_ON',
  CONCLUDED_ON = 'CONCLUDED_ON',
  REPLIED_ON = 'REPLIED_ON',
  DUE_AT = 'DUE_AT',
  EXTENSION_DECIDED_ON = 'EXTENSION_DECIDED_ON',
  EXTENSION_DECISION_NUMBER = 'EXTENSION_DECISION_NUMBER',
}

registerEnumType(CorrectedAttribute, {
  name: 'CorrectedAttribute',
  description: 'An attribute of a report corrected after intake (thông tin được sửa).',
  valuesConfig: {
    KIND: { description: 'Loại đơn: complaint, denunciation, petition or feedback (values: ReportKind).' },
    FIELD: { description: 'Lĩnh vực: the area it is about (values: ReportField).' },
    CONCERNED_CADRES: { description: 'Cán bộ bị phản ánh: the cadres it concerns (values: cadre ids).' },
    CONCERNED_UNITS: { description: 'Đơn vị bị phản ánh: the units it concerns (values: unit ids).' },
    COMPLEXITY: { description: 'Mức độ phức tạp: complexity (values: ReportComplexity).' },
    REMOTE_AREA: { description: 'Vùng sâu, vùng xa: remote-area rules (values: "true" or "false").' },
    ACCEPTED_ON: { description: 'Ngày thụ lý: the acceptance decision’s day (values: YYYY-MM-DD).' },
    FORWARDED_ON: { description: 'Ngày chuyển đơn: the forwarding day of a transferred report (values: YYYY-MM-DD).' },
    CONCLUDED_ON: { description: 'Ngày kết luận: the conclusion’s day (values: YYYY-MM-DD).' },
    REPLIED_ON: { description: 'Ngày trả lời: the reply’s day (values: YYYY-MM-DD).' },
    EXTENSION_DECIDED_ON: {
      description:
        'The signing day of an extension decision (ngày quyết định gia hạn; values: YYYY-MM-DD); `note` names which extension and why.',
    },
    EXTENSION_DECISION_NUMBER: {
      description: 'The number of an extension decision (số quyết định gia hạn); `note` names which extension and why.',
    },
    DUE_AT: {
      description:
        'Hạn giải quyết: not corrected itself: the due date the rules recomputed because of the correction beside it, or of a change of the holiday calendar (values: ISO instants, or none).',
    },
  },
});

/** The stored form of a correction: one attribute, its values before and after (ids sorted). */
export interface TimelineCorrection {
  attribute: CorrectedAttribute;
  from: string[];
  to: string[];
}

@ObjectType({ description: 'What a CORRECTED timeline entry changed: one attribute, before and after (nội dung đính chính).' })
export class ReportCorrection implements TimelineCorrection {
  @Field(() => CorrectedAttribute, { description: 'The attribute corrected.' })
  attribute!: CorrectedAttribute;

  @Field(() => [String], {
    description: 'Its value before, as strings: one enum value or "true"/"false", or the ids of the cadres or units (sorted).',
  })
  from!: string[];

  @Field(() => [String], { description: 'Its value after, in the same form.' })
  to!: string[];
}

export enum TimelineActor {
  STAFF = 'STAFF',
  REPORTER = 'REPORTER',
  SYSTEM = 'SYSTEM',
}

registerEnumType(TimelineActor, {
  name: 'TimelineActor',
  description: 'Who made a timeline entry (người thực hiện).',
  valuesConfig: {
    STAFF: { description: 'Cán bộ: a staff account.' },
    REPORTER: { description: 'Người gửi đơn: the reporter, through the receipt code.' },
    SYSTEM: { description: 'Hệ thống: the system (deadline watcher, intake).' },
  },
});

/** Append-only: who, when, from, to, note. */
@ObjectType({ description: 'One entry of a report’s timeline (một diễn biến giải quyết đơn).' })
@Entity()
@Index('report_timeline_report_idx', ['reportId', 'id'])
/** Stage moves by time, for the periodic reports (handled, transferred, concluded, answered in a period). */
@Index('report_timeline_transition_at_idx', ['at'], { where: `type = 'TRANSITION'` })
// A unit's periodic report reads the stage moves of its own reports (report by report, in the
// period): only the moves, by report and day, without the other entries of each report.
@Index('report_timeline_transition_report_idx', ['reportId', 'at'], { where: `type = 'TRANSITION'` })
export class ReportTimelineEntry {
  @Field(() => ID, { description: 'Entry id, increasing in time order.' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Field({ description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Field(() => TimelineEntryType, { description: 'What happened.' })
  @Column({ type: 'enum', enum: TimelineEntryType, enumName: 'timeline_entry_type' })
  type!: TimelineEntryType;

  @Field(() => TimelineActor, { description: 'Who made it.' })
  @Column({ type: 'enum', enum: TimelineActor, enumName: 'timeline_actor' })
  actor!: TimelineActor;

  /** The staff account that acted (null for the reporter, the system, and entries written before it was recorded). */
  @Column({ type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Field(() => ReportStatus, { nullable: true, description: 'Stage before a transition.' })
  @Column({ type: 'text', nullable: true })
  fromStatus!: ReportStatus | null;

  @Field(() => ReportStatus, { nullable: true, description: 'Stage after a transition.' })
  @Column({ type: 'text', nullable: true })
  toStatus!: ReportStatus | null;

  /** Note, reason or message, for the handler only (exposed through a field resolver). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The note with the reporter's identifying data removed, for everyone else. */
  @Column({ type: 'text', nullable: true })
  noteRedacted!: string | null;

  @Field(() => ReportCorrection, { nullable: true, description: 'CORRECTED: the attribute changed, before and after.' })
  @Column({ type: 'jsonb', nullable: true })
  correction!: TimelineCorrection | null;

  @Field({ description: 'Shown to the reporter on the tracking page.' })
  @Column({ type: 'boolean', default: false })
  visibleToReporter!: boolean;
}
