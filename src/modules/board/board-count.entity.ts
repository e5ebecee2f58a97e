import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The board's counters over the report table, kept by triggers in the same transaction as every
 * change (migration board-counters). Facets:
 * - `open`: open reports, `key` = `STATUS|KIND|SOURCE`, `day` 0;
 * - `received`: reports by the Vietnam day (UTC+7, days since 1970-01-01) they were received;
 * - `open_due`: open reports by the Vietnam day their current stage is due.
 *
 * Writers never update a counter row (that row would serialise every submission): the triggers
 * only INSERT signed deltas into {@link BoardCountDelta}, and every instance folds them into this
 * table every few seconds. A figure is the sum over both tables in one statement, so it is exact
 * at that statement's snapshot.
 */
@Entity()
export class BoardCount {
  @PrimaryColumn({ type: 'text' })
  facet!: string;

  @PrimaryColumn({ type: 'text', default: '' })
  key!: string;

  @PrimaryColumn({ type: 'integer', default: 0 })
  day!: number;

  @Column({ type: 'bigint' })
  n!: string;
}

/** Signed changes to {@link BoardCount} not yet folded in (insert-only for writers). */
@Entity()
export class BoardCountDelta {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  facet!: string;

  @Column({ type: 'text', default: '' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  day!: number;

  @Column({ type: 'integer' })
  n!: number;
}
