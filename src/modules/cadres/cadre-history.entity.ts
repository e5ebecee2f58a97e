import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { CadreChangeKind } from './cadre.enums';
import { Cadre } from './cadre.entity';

/** `{ field: { from, to } }` as stored in `changes`. */
export type ChangeSet = Record<string, { from: unknown; to: unknown }>;

/**
 * One change to a cadre, written in the same transaction as the change. Append-only: a trigger
 * (migration unit-path-and-cadre-search) refuses UPDATE and DELETE.
 */
@Entity()
@Index('cadre_history_cadre_idx', ['cadreId', 'seq'])
export class CadreHistory {
  /** Insertion order: entries of one transaction share `at`, `seq` keeps them in order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ type: 'uuid' })
  cadreId!: string;

  @ManyToOne(() => Cadre, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre>;

  /** Who made the change; null for the demo seed and the data generator. */
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'enum', enum: CadreChangeKind, enumName: 'cadre_change_kind' })
  kind!: CadreChangeKind;

  @Column({ type: 'jsonb' })
  changes!: ChangeSet;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
