import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoardEventType } from './board-event.types';

/**
 * The outbox: one row per board event, written in the same transaction as the change it
 * describes, so an event exists exactly when its change committed. Delivery reads it by id.
 */
@Entity()
@Index('outbox_event_type_id_idx', ['type', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'enum', enum: BoardEventType, enumName: 'board_event_type' })
  type!: BoardEventType;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  /** Ids and public fields only: never a reporter's identity or other protected data. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Units the event concerns (with ancestors), for filtering by a subscriber's units. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  unitIds!: string[];
}
