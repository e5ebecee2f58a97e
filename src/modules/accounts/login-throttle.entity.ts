import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per email and per client address, shared by every instance. Written outside
 * the mutation's transaction so a failed login (which rolls back) still counts.
 */
@Entity()
export class LoginThrottle {
  /** `email:<address>` or `ip:<client address>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'timestamptz' })
  lastFailureAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
