import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters shared by every instance (public intake and tracking per client address). */
@Entity()
export class RateLimitBucket {
  /** `<action>:<client address>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
