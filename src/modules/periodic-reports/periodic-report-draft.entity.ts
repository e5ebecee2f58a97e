import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A periodic report's draft, prepared by the scheduled job the day after its period ended (the
 * figures as read then, for the whole ward). The unique key is the "exactly once" with any
 * number of instances: each INSERTs with ON CONFLICT DO NOTHING, and only the one whose row went
 * in computes the tables and puts the item on the board, in the same transaction.
 */
@Entity()
@Index('periodic_report_draft_period_idx', ['templateCode', 'periodKind', 'year', 'number'], { unique: true })
@Index('periodic_report_draft_prepared_idx', ['preparedAt', 'id'])
export class PeriodicReportDraft {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  templateCode!: string;

  @Column({ type: 'text' })
  templateVersion!: string;

  @Column({ type: 'text' })
  periodKind!: string;

  @Column({ type: 'integer' })
  year!: number;

  /** Month or quarter; 0 for the other kinds. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  preparedAt!: Date;

  /** The tables as computed (PeriodicTableView[]): aggregate counts only, no record and no personal data. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  tables!: unknown;
}
