import { IsEnum, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsText } from '../../common/validators';
import { CorrectableField, CorrectableItem } from './decision-correction.entity';

@InputType({
  description:
    'Correct a recorded date or decision number, with a reason; the old value is kept in the item’s `corrections` (đính chính quyết định).',
})
export class CorrectDecisionInput {
  @Field(() => CorrectableItem, { description: 'The kind of item.' })
  @IsEnum(CorrectableItem)
  itemType!: CorrectableItem;

  @Field(() => ID, { description: 'The item.' })
  @IsUUID('all', { message: 'id phải là một UUID' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read: required for an inspection, a discipline case or a commendation (a stale one is a CONFLICT); findings and follow-ups carry none.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @Field(() => CorrectableField, { description: 'The field to correct; CorrectableItem lists which apply.' })
  @IsEnum(CorrectableField)
  field!: CorrectableField;

  @Field({ description: 'The correct value: a date YYYY-MM-DD, or a decision number.' })
  @IsText('value', 60)
  value!: string;

  @Field({ description: 'Why (required, not blank: CORRECTION_REASON_REQUIRED).' })
  @IsText('reason', 2000, 0)
  reason!: string;
}

@InputType({ description: 'Withdraw a finding recorded in error, with a reason; it is kept, marked WITHDRAWN (rút phát hiện).' })
export class WithdrawFindingInput {
  @Field(() => ID, { description: 'The finding.' })
  @IsUUID('all', { message: 'id phải là một UUID' })
  id!: string;

  @Field({ description: 'Why it was recorded in error (required, not blank: CORRECTION_REASON_REQUIRED).' })
  @IsText('reason', 2000, 0)
  reason!: string;
}
