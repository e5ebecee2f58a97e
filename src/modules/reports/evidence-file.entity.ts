import { Report } from './report.entity';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** An evidence file (tài liệu, chứng cứ), stored in PostgreSQL. */
@ObjectType({ description: 'An evidence file attached to a report. Download through GET /files/{id} with a staff token.' })
@Entity()
@Index('evidence_file_report_idx', ['reportId'])
export class EvidenceFile {
  @Field(() => ID, { description: 'Id; also the download path /files/{id}.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Field({ description: 'File name as uploaded (cleaned).' })
  @Column({ type: 'text' })
  fileName!: string;

  @Field({ description: 'Content type detected from the file’s bytes.' })
  @Column({ type: 'text' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the bytes, hex.' })
  @Column({ type: 'text' })
  sha256!: string;

  @Field({ description: 'Uploaded by the reporter (through the receipt code) rather than by staff.' })
  @Column({ type: 'boolean' })
  fromReporter!: boolean;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Field({ description: 'When it was uploaded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
