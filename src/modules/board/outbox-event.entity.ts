import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoardEventType } from './board-event.types';
import { ACCOUNT_CHANGED, DATA_CHANGED } from '../../events/outbox-reader';

/** Outbox rows read by the instances themselves, never delivered to a client. */
export const INTERNAL_OUTBOX_TYPES = [ACCOUNT_CHANGED, DATA_CHANGED] as const;

export type OutboxEventType = BoardEventType | (typeof INTERNAL_OUTBOX_TYPES)[number];

/**
 * The outbox: one row per board event, written in the same transaction as the change it
 * describes, so an event exists exactly when its change committed. Delivery reads it in
 * (txId, id) order below the oldest running transaction (see outbox-reader.ts).
 */
@Entity()
@Index('outbox_event_type_id_idx', ['type', 'id'])
@Index('outbox_event_delivery_idx', ['txId', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'enum', enum: [...Object.values(BoardEventType), ...INTERNAL_OUTBOX_TYPES], enumName: 'board_event_type' })
  type!: OutboxEventType;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  /** Ids and public fields only: never a reporter's identity or other protected data. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Units the event concerns (with ancestors), for filtering by a subscriber's units. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  unitIds!: string[];

  /**
   * The writing transaction's top-level id (`pg_current_xact_id()`, 64 bits with the epoch, as a
   * bigint: TypeORM knows no xid8). Ids are taken from the sequence before commit, so they do not
   * commit in id order; transaction ids below `pg_snapshot_xmin` are all finished, so reading in
   * (txId, id) order below that horizon never skips an event that commits late.
   */
  @Column({ type: 'bigint', default: () => 'outbox_tx_id()' })
  txId!: string;
}
