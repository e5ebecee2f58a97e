import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ReportKind, ReportStatus } from '../reports/report.enums';

/** What a reminder is about. */
export enum ReminderItemType {
  REPORT = 'REPORT',
  FOLLOW_UP = 'FOLLOW_UP',
  DISCIPLINE_NOTIFICATION = 'DISCIPLINE_NOTIFICATION',
}

registerEnumType(ReminderItemType, {
  name: 'ReminderItemType',
  description: 'What a line of a reminder digest (bản nhắc việc) is about.',
  valuesConfig: {
    REPORT: { description: 'Đơn thư: the legal due date of a report’s current stage (the press reply duty included).' },
    FOLLOW_UP: { description: 'Kiến nghị: a recommendation of an inspection’s conclusion, not yet fulfilled.' },
    DISCIPLINE_NOTIFICATION: {
      description: 'Thông báo kỷ luật: notifying the other side (Party or State) of a discipline decision, not yet sent.',
    },
  },
});

/**
 * One line of a digest as prepared: ids and public fields only (the redacted title of a report,
 * never the reporter). Stored as JSON in the digest row.
 */
@ObjectType({ description: 'One line of a reminder digest (bản nhắc việc hằng ngày): what falls due, when, at which stage.' })
export class ReminderItem {
  @Field(() => ReminderItemType, { description: 'What the line is about.' })
  type!: ReminderItemType;

  @Field(() => ID, { description: 'The report’s, recommendation’s or notification task’s id.' })
  id!: string;

  @Field(() => ReportKind, { nullable: true, description: 'The kind of report (REPORT lines only).' })
  reportKind!: ReportKind | null;

  @Field(() => ReportStatus, {
    nullable: true,
    description: 'The report’s stage when the digest was prepared (REPORT lines only).',
  })
  stage!: ReportStatus | null;

  @Field({
    description:
      'What to show: a report’s redacted title (the reporter’s identifying data removed, as everyone but its handler reads it), the inspection’s title of a recommendation, or the side a notification goes to.',
  })
  title!: string;

  @Field({ description: 'The legal due date (hạn), as an instant (end of the due day in Vietnam for dated tasks).' })
  dueAt!: Date;

  @Field({ description: 'The due day in Vietnam (YYYY-MM-DD).' })
  dueOn!: string;

  @Field({ description: 'Quá hạn: already past its due date when the digest was prepared.' })
  overdue!: boolean;

  @Field({
    description:
      'The due date is the 30-day press reply duty (Luật Báo chí Art. 39): a press report, or one a press report was merged into.',
  })
  pressReply!: boolean;
}

/** A line as stored in the digest's JSON column (dates as ISO text). */
export type StoredReminderItem = Omit<ReminderItem, 'dueAt'> & { dueAt: string };

/**
 * The reminder digest (bản nhắc việc hằng ngày) of one staff account for one day: what it must
 * act on that is overdue or falls due within the next working days, as read when it was
 * prepared. The unique (account, day) key is the "once a day" with any number of instances: each
 * INSERTs with ON CONFLICT DO NOTHING and only the one whose row went in puts the item on the
 * board, in the same transaction.
 */
@ObjectType({
  description:
    'Bản nhắc việc hằng ngày: the daily reminder digest of a staff account (a report handler, or the chair of the Inspection Committee for the whole committee): what is overdue and what falls due within the next working days, as read when it was prepared. Never names a reporter; never lists an item the account is recused from.',
})
@Entity()
@Index('reminder_digest_account_day_key', ['accountId', 'day'], { unique: true })
export class ReminderDigest {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Field({ description: 'The day of the digest in Vietnam (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  day!: string;

  @Field({ description: 'When it was prepared: `overdue` and the lists are as of then.' })
  @CreateDateColumn({ type: 'timestamptz' })
  preparedAt!: Date;

  @Field({
    description:
      'Chủ nhiệm Ủy ban Kiểm tra: prepared for the chair of the Inspection Committee, so it covers the whole committee’s work, not only the reports the account handles.',
  })
  @Column({ type: 'boolean', default: false })
  asChair!: boolean;

  @Field(() => Int, { description: 'The working days ahead it looks (REMINDER_DAYS_AHEAD when prepared).' })
  @Column({ type: 'integer' })
  daysAhead!: number;

  @Field({ description: 'The last day it covers (YYYY-MM-DD): the end of the `daysAhead`-th working day after `day`.' })
  @Column({ type: 'date' })
  dueBy!: string;

  @Field(() => Int, { description: 'Items overdue when prepared (all of them, even beyond the listed lines).' })
  @Column({ type: 'integer', default: 0 })
  overdueCount!: number;

  @Field(() => Int, { description: 'Items not yet overdue that fall due by `dueBy` (all of them).' })
  @Column({ type: 'integer', default: 0 })
  dueSoonCount!: number;

  /** The lines, most urgent first, at most REMINDER_MAX_ITEMS (the counts say when more exist). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  items!: StoredReminderItem[];

  @Field(() => Date, {
    nullable: true,
    description:
      'When the e-mail was handed to the mail server (SMTP_URL); null when none is configured, none was due, or it has not gone yet (retried on the next run that day).',
  })
  @Column({ type: 'timestamptz', nullable: true })
  mailedAt!: Date | null;

  /** Failed sends so far (the failure itself is logged, without any address or title). */
  @Column({ type: 'integer', default: 0 })
  mailAttempts!: number;
}
