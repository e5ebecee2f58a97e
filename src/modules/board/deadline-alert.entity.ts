import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Report } from '../reports/report.entity';

/** The two deadline alerts a report's stage can get. */
export enum DeadlineThreshold {
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
}

/**
 * One row per report, due date and threshold the deadline watcher has dealt with. The primary
 * key is the "exactly once": every instance's watcher INSERTs with ON CONFLICT DO NOTHING, and
 * only the instance whose INSERT went in writes the board event, in the same transaction.
 */
@Entity()
export class DeadlineAlert {
  @PrimaryColumn({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  /** The due date the alert was about: a new stage or an extension gives a new due date, hence new alerts. */
  @PrimaryColumn({ type: 'timestamptz' })
  dueAt!: Date;

  @PrimaryColumn({ type: 'enum', enum: DeadlineThreshold, enumName: 'deadline_threshold' })
  threshold!: DeadlineThreshold;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  alertedAt!: Date;

  /**
   * false for crossings recorded without an event: `npm run gen` records its generated reports'
   * crossings so, and so did the watcher's first run on a database before it alerted them.
   */
  @Column({ type: 'boolean', default: true })
  emitted!: boolean;
}

/** One row: when the deadline watcher first ran on this database (that run looks back without limit). */
@Entity()
export class DeadlineWatchState {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  baselineAt!: Date;
}
