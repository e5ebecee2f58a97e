import { Report } from './report.entity';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/**
 * An evidence file (tài liệu, chứng cứ), stored in PostgreSQL, or a redacted copy of one (bản đã
 * che thông tin người tố cáo, Luật Tố cáo Art. 56) that the handler uploaded for verifiers. The
 * original name (`fileName`) reaches the handler and the identity custodian only; everyone else
 * reads `neutralName`. GraphQL's `fileName` and `redactedCopy` are resolved per caller
 * (evidence-access.ts).
 */
@ObjectType({
  description:
    'An evidence file attached to a report (tài liệu, chứng cứ). The handler of the report and the chair of the Inspection Committee, while a request to read the reporter’s identity stands granted, see it as uploaded; everyone else sees its type, size and checksum under a neutral name, and downloads only its redacted copy (bản đã che) once the handler uploaded one. Download through GET /files/{id} with a staff token.',
})
@Entity()
@Index('evidence_file_report_idx', ['reportId'])
@Index('evidence_file_redacted_copy_of_idx', ['redactedCopyOfId'])
export class EvidenceFile {
  @Field(() => ID, { description: 'Id; also the download path /files/{id}.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  /** The name as uploaded (cleaned): may name the reporter (`ghi_am_Pham_Van_Kien.pdf`). No @Field: resolved per caller. */
  @Column({ type: 'text' })
  fileName!: string;

  /**
   * The name everyone but the handler and the custodian sees: `tep-dinh-kem-N.ext`, N the file's
   * place among the report's evidence, the extension from its checked type. A redacted copy
   * carries its original's.
   */
  @Column({ type: 'text' })
  neutralName!: string;

  /** Set on a redacted copy: the original it stands in for. */
  @Column({ type: 'uuid', nullable: true })
  redactedCopyOfId!: string | null;

  @ManyToOne(() => EvidenceFile, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'redacted_copy_of_id' })
  redactedCopyOf?: Relation<EvidenceFile> | null;

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

  /** The newest redacted copy of an original, when the loader attached it (not a column). */
  redactedCopy?: EvidenceFile | null;
}
