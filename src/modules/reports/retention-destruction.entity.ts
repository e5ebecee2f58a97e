import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportKind } from './report.enums';

/** One destroyed report in a retention run's audit: ids, dates and the rule applied, never identity. */
@ObjectType({
  description:
    'One report destroyed in a retention run (hồ sơ đã tiêu hủy khi hết thời hạn lưu trữ), with the retention rule applied (never identity).',
})
export class RetentionDestroyedReport {
  @Field(() => ID, { description: 'The report.' })
  reportId!: string;

  @Field(() => ReportKind, { description: 'Its kind.' })
  kind!: ReportKind;

  @Field({ description: 'Ngày kết thúc hồ sơ: the closing day the period ran from (YYYY-MM-DD).' })
  closedOn!: string;

  @Field(() => Int, { description: 'Thời hạn lưu trữ applied, in months.' })
  retentionMonths!: number;

  @Field({ description: 'The first day it was due for destruction (YYYY-MM-DD).' })
  dueOn!: string;

  @Field({ description: 'Id of the retention rule set applied (in force on the closing day).' })
  ruleSetId!: string;
}

/**
 * The audit of one confirmed retention run (biên bản tiêu hủy): who confirmed, when, which
 * reports and under which rule. Append-only: the app may add and read rows, never change them.
 */
@ObjectType({
  description:
    'A confirmed retention run (tiêu hủy theo thời hạn lưu trữ): who confirmed it, when, which reports, under which retention rule. Never identity.',
})
@Entity()
export class RetentionDestruction {
  @Field(() => ID, { description: 'Id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'When it was confirmed and carried out.' })
  @CreateDateColumn({ type: 'timestamptz' })
  confirmedAt!: Date;

  @Column({ type: 'uuid' })
  confirmedById!: string;

  @Field({ description: 'Email of the account that confirmed it (the chair of the Inspection Committee or an ADMIN).' })
  @Column({ type: 'text' })
  confirmedByEmail!: string;

  @Field(() => Int, { description: 'Version of the retention rule data applied.' })
  @Column({ type: 'integer' })
  ruleDataVersion!: number;

  @Field(() => [RetentionDestroyedReport], { description: 'The reports destroyed, each with the rule applied.' })
  @Column({ type: 'jsonb' })
  reports!: RetentionDestroyedReport[];
}
