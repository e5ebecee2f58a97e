import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Report } from './report.entity';

/**
 * The reporter's identity, every value sealed with AES-256-GCM bound to this table, its column
 * and the report id (src/modules/reports/identity-cipher.ts). No GraphQL type maps this entity:
 * it is read only through `Report.reporterIdentity`, whose every read is logged.
 */
@Entity()
export class ReporterIdentity {
  @PrimaryColumn({ type: 'uuid' })
  reportId!: string;

  @OneToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column({ type: 'text', nullable: true })
  fullName!: string | null;

  @Column({ type: 'text', nullable: true })
  idNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /**
   * A group complaint's other members (the reporter is their representative): a JSON list of
   * `{ fullName, idNumber, phone, address }`, sealed as one value like the columns above.
   */
  @Column({ type: 'text', nullable: true })
  groupMembers!: string | null;

  /** The reporter asked to be told of progress by email or SMS (otherwise nothing is sent). */
  @Column({ type: 'boolean', default: false })
  wantsNotifications!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The identity columns that are sealed. */
export const IDENTITY_COLUMNS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const;
export type IdentityColumn = (typeof IDENTITY_COLUMNS)[number];
