import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Account } from '../accounts/account.entity';

/**
 * One committed import: which file (by SHA-256), by whom, and what it changed. Written in the
 * import's own transaction, so it exists exactly when the rows do. Re-importing a file is
 * harmless whatever this table says (rows are matched by natural key); the table lets the report
 * say "this very file was imported on …".
 */
@Entity()
@Index('import_run_kind_sha256_idx', ['kind', 'sha256'])
export class ImportRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  format!: string;

  /** Hex SHA-256 of the file's bytes. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  /** Who imported; null for the command line without `--as`. */
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @ManyToOne(() => Account, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account> | null;

  /** Only the valid rows were asked for (`--valid-only`). */
  @Column({ type: 'boolean' })
  validOnly!: boolean;

  @Column({ type: 'integer' })
  rows!: number;

  @Column({ type: 'integer' })
  created!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  /** Rows left out because they had errors (valid-only imports). */
  @Column({ type: 'integer' })
  skipped!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
