import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Report } from './report.entity';

/**
 * A report's own data key (envelope encryption, identity-cipher.ts): 32 random bytes, stored
 * wrapped under the keyring (`v1.<keyId>…`, bound to this table and the report id). The
 * reporter's identity values of the report are sealed under it (`v2.…`). Deleting the row on
 * retention (crypto-shredding) makes them unreadable for good, in backups too. No GraphQL type.
 */
@Entity()
export class ReportDataKey {
  @PrimaryColumn({ type: 'uuid' })
  reportId!: string;

  @OneToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  /** The data key sealed under the keyring's active key when written (re-wrapped by `npm run reencrypt`). */
  @Column({ type: 'text' })
  wrapped!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
