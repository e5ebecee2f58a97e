import { Account } from '../accounts/account.entity';
import { IdentityAccessRequest } from './identity-access-request.entity';
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

  /** The HTTP request that read it (for the operations log). */
  @Column({ type: 'text' })
  requestId!: string;

  /** The chair's grant the read was made under (null only for reads logged before the custodian flow). */
  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @ManyToOne(() => IdentityAccessRequest, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id' })
  grant?: Relation<IdentityAccessRequest> | null;
}
