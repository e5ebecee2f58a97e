import { Report } from './report.entity';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** A written decision extending the resolution deadline (Luật Tố cáo Art. 30; Luật Khiếu nại). */
@ObjectType({ description: 'A decision extending a report’s resolution deadline (gia hạn).' })
@Entity()
@Index('report_extension_report_idx', ['reportId'])
export class ReportExtension {
  @Field(() => ID, { description: 'Id.' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Field(() => Int, { description: 'Days added.' })
  @Column({ type: 'integer' })
  days!: number;

  @Field({ description: 'Reason for the extension (shown to the reporter).' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Number of the written decision.' })
  @Column({ type: 'text', nullable: true })
  decisionNumber!: string | null;

  @Field({ description: 'When it was recorded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt!: Date;

  /** The day the decision was signed; null on decisions recorded before it was asked (their `decidedAt` day). */
  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Column({ type: 'uuid' })
  decidedBy!: string;
}
