import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EvidenceFile } from './evidence-file.entity';

/**
 * One piece of an evidence file's bytes, in order. Files are stored and served a piece at a
 * time, so neither an upload nor a download holds a whole file in the process's memory.
 */
@Entity()
export class EvidenceChunk {
  @PrimaryColumn({ type: 'uuid' })
  fileId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @ManyToOne(() => EvidenceFile, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<EvidenceFile>;

  @Column({ type: 'bytea' })
  data!: Buffer;

  /**
   * Sealed under the report's data key (`nonce ‖ ciphertext ‖ tag`, identity-cipher.ts), so that
   * erasing the key on retention destroys it; false for pieces stored before data keys (plain).
   */
  @Column({ type: 'boolean', default: false })
  sealed!: boolean;
}
