import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BaseRecord } from '../../../db/base.entity';
import { Cadre } from '../../cadres/cadre.entity';
import { Unit } from '../../units/unit.entity';
import { AttitudeRating, SatisfactionChannel } from '../quality.enums';

/**
 * A completed administrative procedure (hồ sơ thủ tục hành chính đã giải quyết), with the receipt
 * number the citizen holds. The denominator of target 7's coverage. Append-only (a trigger
 * refuses UPDATE and DELETE): statement triggers keep `satisfaction_tally` in step.
 *
 * The citizen answers the survey with the survey code (mã khảo sát) printed on the receipt, not
 * with the receipt number: numbers are sequential, so anyone could answer for anyone. The code is
 * shown once, when the procedure is recorded; only its hash is kept.
 */
@ObjectType({ description: 'A completed administrative procedure, identified by its receipt number (số biên nhận).' })
@Entity()
@Index('procedure_case_unit_year_idx', ['unitId', 'year'])
export class ProcedureCase {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Receipt number on the citizen’s receipt (số biên nhận), unique.' })
  @Index('procedure_case_receipt_key', { unique: true })
  @Column({ type: 'text' })
  receiptNumber!: string;

  @Field({ description: 'The procedure (tên thủ tục hành chính).' })
  @Column({ type: 'text' })
  procedureName!: string;

  @Field(() => String, { description: 'Day the result was returned (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  completedOn!: string;

  @Field(() => Int, { description: 'Year of completedOn.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => ID, { description: 'The handling unit.' })
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Field(() => ID, { nullable: true, description: 'The handling cadre, when known.' })
  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  /**
   * SHA-256 (hex) of the normalized survey code. Null for procedures recorded before survey codes
   * existed: their receipts carry none, so only staff can record their answers.
   */
  @Index('procedure_case_survey_code_key', { unique: true, where: 'survey_code_hash IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  surveyCodeHash!: string | null;

  /** Set only on the object `recordProcedureCase` returns: the code is never stored. */
  @Field(() => String, {
    nullable: true,
    description:
      'The survey code (mã khảo sát) to print on the citizen’s receipt, `XXXX-XXXX-XXXX-XXXX-C` with 80 random bits and a check character: the citizen answers the satisfaction survey with it (submitSatisfaction). Given only in the answer of recordProcedureCase; null whenever the procedure is read again, since only a hash of it is kept.',
  })
  surveyCode?: string | null;
}

/**
 * One answer to the satisfaction survey. Append-only: a citizen's answer is not edited. At most
 * one per procedure case.
 */
@ObjectType({ description: 'A citizen-satisfaction survey result (kết quả khảo sát mức độ hài lòng).' })
@Entity()
@Check('satisfaction_result_score_check', '"score" BETWEEN 1 AND 5')
@Index('satisfaction_result_procedure_key', ['procedureCaseId'], { unique: true, where: 'procedure_case_id IS NOT NULL' })
@Index('satisfaction_result_cadre_year_idx', ['cadreId', 'year'])
@Index('satisfaction_result_unit_year_idx', ['unitId', 'year'])
export class SatisfactionResult {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The completed procedure surveyed, when known (counts for coverage).' })
  @Column({ type: 'uuid', nullable: true })
  procedureCaseId!: string | null;

  @ManyToOne(() => ProcedureCase, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'procedure_case_id' })
  procedureCase?: Relation<ProcedureCase> | null;

  @Field({ description: 'The procedure.' })
  @Column({ type: 'text' })
  procedureName!: string;

  @Field(() => String, { description: 'Day of the survey (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  surveyedOn!: string;

  @Field(() => Int, { description: 'Year it counts for: the procedure’s completion year, else the survey’s.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => ID, { description: 'The handling unit.' })
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Field(() => ID, { nullable: true, description: 'The handling cadre, when known.' })
  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  @Field(() => Int, { description: 'Rating on the fixed scale (1 very dissatisfied … 5 very satisfied).' })
  @Column({ type: 'smallint' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'The citizen’s comment.' })
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Field(() => SatisfactionChannel, { description: 'How it was recorded.' })
  @Column({ type: 'enum', enum: SatisfactionChannel, enumName: 'satisfaction_channel' })
  channel!: SatisfactionChannel;

  @Field({ description: 'When it was recorded.' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

/** The yearly public evaluation of a cadre's attitude, organised with the Fatherland Front. */
@ObjectType({
  description:
    'Yearly public evaluation of a cadre’s attitude towards the people, organised with the Fatherland Front (Ủy ban MTTQ) (đánh giá thái độ phục vụ nhân dân).',
})
@Entity()
@Index('attitude_evaluation_key', ['cadreId', 'year'], { unique: true })
export class AttitudeEvaluation extends BaseRecord {
  @Field(() => ID, { description: 'The cadre.' })
  @Column({ type: 'uuid' })
  cadreId!: string;

  @ManyToOne(() => Cadre, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre>;

  @Field(() => Int, { description: 'Year.' })
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'People who took part.' })
  @Column({ type: 'integer' })
  respondents!: number;

  @Field(() => Float, { description: 'Share of them satisfied with the cadre’s attitude, in percent.' })
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: { to: (v: unknown) => v, from: (v: string) => Number(v) } })
  satisfiedPercent!: number;

  @Field(() => AttitudeRating, { description: 'Outcome.' })
  @Column({ type: 'enum', enum: AttitudeRating, enumName: 'attitude_rating' })
  rating!: AttitudeRating;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
