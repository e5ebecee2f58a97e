import { Account } from '../accounts/account.entity';
import { Report } from './report.entity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** Append-only log of every read of a reporter's identity, written in the reading transaction. */
@Entity()
@Index('identity_access_report_idx', ['reportId', 'accessedAt'])
export class IdentityAccess {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @CreateDateColumn({ type: 'timestamptz' })
  accessedAt!: Date;

  @Column({ type: 'text' })
  requestId!: string;
}
