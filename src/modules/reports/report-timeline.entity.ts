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
  NOTE = 'NOTE',
  REDACTION_MARKED = 'REDACTION_MARKED',
}

registerEnumType(TimelineEntryType, {
  name: 'TimelineEntryType',
  description: 'What happened to a report.',
  valuesConfig: {
    RECEIVED: { description: 'The report was received.' },
    TRANSITION: { description: 'It moved to another handling stage.' },
    ASSIGNED: { description: 'A handler was assigned.' },
    EXTENDED: { description: 'The resolution deadline was extended by a decision.' },
    QUESTION_TO_REPORTER: { description: 'The handler asked the reporter something (shown on the tracking page).' },
    REPORTER_MESSAGE: { description: 'The reporter added information through the receipt code.' },
    EVIDENCE_ADDED: { description: 'An evidence file was attached.' },
    NOTE: { description: 'An internal note.' },
    REDACTION_MARKED: { description: 'Staff marked passages of the content for redaction.' },
  },
});

export enum TimelineActor {
  STAFF = 'STAFF',
  REPORTER = 'REPORTER',
  SYSTEM = 'SYSTEM',
}

registerEnumType(TimelineActor, {
  name: 'TimelineActor',
  description: 'Who made a timeline entry.',
  valuesConfig: {
    STAFF: { description: 'A staff account.' },
    REPORTER: { description: 'The reporter, through the receipt code.' },
    SYSTEM: { description: 'The system (deadline watcher, intake).' },
  },
});

/** Append-only: who, when, from, to, note. */
@ObjectType({ description: 'One entry of a report’s timeline.' })
@Entity()
@Index('report_timeline_report_idx', ['reportId', 'id'])
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

  @Column({ type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Field(() => ReportStatus, { nullable: true, description: 'Stage before a transition.' })
  @Column({ type: 'text', nullable: true })
  fromStatus!: ReportStatus | null;

  @Field(() => ReportStatus, { nullable: true, description: 'Stage after a transition.' })
  @Column({ type: 'text', nullable: true })
  toStatus!: ReportStatus | null;

  @Field(() => String, { nullable: true, description: 'Note, reason or message.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field({ description: 'Shown to the reporter on the tracking page.' })
  @Column({ type: 'boolean', default: false })
  visibleToReporter!: boolean;
}
