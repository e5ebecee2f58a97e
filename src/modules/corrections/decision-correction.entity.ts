import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The kinds of recorded item whose dates and decision numbers can be corrected. */
export enum CorrectableItem {
  INSPECTION = 'INSPECTION',
  FINDING = 'FINDING',
  FOLLOW_UP = 'FOLLOW_UP',
  DISCIPLINE_CASE = 'DISCIPLINE_CASE',
  COMMENDATION = 'COMMENDATION',
}
registerEnumType(CorrectableItem, {
  name: 'CorrectableItem',
  description: 'The kind of item a decision correction is about (loại hồ sơ được đính chính).',
  valuesConfig: {
    INSPECTION: { description: 'Cuộc kiểm tra — an inspection: DECISION_DATE, DECISION_NUMBER (once decided).' },
    FINDING: { description: 'Phát hiện — a finding: CORRECT_BY.' },
    FOLLOW_UP: { description: 'Kiến nghị cần theo dõi — a follow-up recommendation: DUE_ON, FULFILLED_ON (once fulfilled).' },
    DISCIPLINE_CASE: {
      description:
        'Vụ kỷ luật — a discipline case: DECISION_DATE (recomputes the appeal deadline and notification due dates), DECISION_NUMBER, EFFECTIVE_DATE (once decided).',
    },
    COMMENDATION: { description: 'Khen thưởng — a commendation: DECISION_DATE, DECISION_NUMBER.' },
  },
});

/** The fields a correction may change. */
export enum CorrectableField {
  DECISION_DATE = 'DECISION_DATE',
  DECISION_NUMBER = 'DECISION_NUMBER',
  EFFECTIVE_DATE = 'EFFECTIVE_DATE',
  CORRECT_BY = 'CORRECT_BY',
  DUE_ON = 'DUE_ON',
  FULFILLED_ON = 'FULFILLED_ON',
}
registerEnumType(CorrectableField, {
  name: 'CorrectableField',
  description:
    'The recorded value a correction changes; which apply to which item is listed on CorrectableItem (nội dung được đính chính).',
  valuesConfig: {
    DECISION_DATE: { description: 'Ngày quyết định (YYYY-MM-DD).' },
    DECISION_NUMBER: { description: 'Số quyết định.' },
    EFFECTIVE_DATE: { description: 'Ngày có hiệu lực of a discipline decision (YYYY-MM-DD).' },
    CORRECT_BY: { description: 'Hạn khắc phục of a finding (YYYY-MM-DD).' },
    DUE_ON: { description: 'Hạn thực hiện of a follow-up recommendation (YYYY-MM-DD).' },
    FULFILLED_ON: { description: 'Ngày thực hiện of a follow-up recommendation (YYYY-MM-DD).' },
  },
});

/** A value recomputed because a correction moved the date it counts from. */
@ObjectType({
  description: 'A deadline a correction recomputed: its field, and its value before and after (thời hạn được tính lại).',
})
export class RecomputedValue {
  @Field({ description: 'The recomputed field, e.g. appealDeadline, limitationEndsOn, notification.dueOn.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Its value before the correction.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Its value after the correction.' })
  to!: string | null;
}

/**
 * One correction of a recorded date or decision number: the old value is kept, with the reason,
 * who corrected it and when ("dates cannot lie": never silently overwritten). Rows are only added.
 */
@ObjectType({ description: 'A correction (đính chính) of a recorded date or decision number, keeping the old value.' })
@Entity()
@Index('decision_correction_item_idx', ['itemType', 'itemId', 'correctedAt'])
export class DecisionCorrection {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => CorrectableItem, { description: 'The kind of item corrected.' })
  @Column({ type: 'enum', enum: CorrectableItem, enumName: 'correctable_item' })
  itemType!: CorrectableItem;

  @Field(() => ID, { description: 'The item corrected.' })
  @Column({ type: 'uuid' })
  itemId!: string;

  @Field(() => CorrectableField, { description: 'The field corrected.' })
  @Column({ type: 'enum', enum: CorrectableField, enumName: 'correctable_field' })
  field!: CorrectableField;

  @Field(() => String, { nullable: true, description: 'The value before the correction.' })
  @Column({ type: 'text', nullable: true })
  oldValue!: string | null;

  @Field({ description: 'The value after the correction.' })
  @Column({ type: 'text' })
  newValue!: string;

  @Field({ description: 'Why it was corrected.' })
  @Column({ type: 'text' })
  reason!: string;

  @Field(() => [RecomputedValue], { description: 'Deadlines the correction recomputed (empty when none).' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  recomputed!: RecomputedValue[];

  /** The account that corrected it (no @Field: accounts are not public). */
  @Column({ type: 'uuid', nullable: true })
  correctedBy!: string | null;

  @Field({ description: 'When it was corrected.' })
  @CreateDateColumn({ type: 'timestamptz' })
  correctedAt!: Date;
}
