import { IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsDay, IsText } from '../../../common/validators';
import { AttitudeRating } from '../quality.enums';
import { IsHundredths, IsUuid, IsYear } from '../quality.validation';

@InputType({
  description:
    'A completed administrative procedure (from the one-stop shop), with its receipt number (hồ sơ thủ tục hành chính đã giải quyết).',
})
export class RecordProcedureCaseInput {
  @Field({ description: 'Receipt number (số biên nhận), unique.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$/, {
    message: 'phải dài 3 đến 40 ký tự, gồm chữ cái, chữ số, dấu chấm, dấu gạch chéo hoặc gạch ngang',
  })
  receiptNumber!: string;

  @Field({ description: 'The procedure.' })
  @IsText('procedureName', 300, 3)
  procedureName!: string;

  @Field({ description: 'Day the result was returned (YYYY-MM-DD), not in the future.' })
  @IsDay('completedOn')
  completedOn!: string;

  @Field(() => ID, { description: 'The handling unit.' })
  @IsUuid('unitId')
  unitId!: string;

  @Field(() => ID, { nullable: true, description: 'The handling cadre.' })
  @IsOptional()
  @IsUuid('cadreId')
  cadreId?: string | null;
}

@InputType({
  description:
    'A satisfaction survey result entered by staff (or imported) (kết quả khảo sát sự hài lòng). Give receiptNumber, or procedureName with unitId (and cadreId).',
})
export class RecordSatisfactionInput {
  @Field(() => String, {
    nullable: true,
    description: 'Receipt number of the completed procedure surveyed; procedure, unit and cadre then come from it.',
  })
  @IsOptional()
  @MaxLength(40, { message: 'must be at most 40 characters' })
  receiptNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The procedure (without a receipt number).' })
  @IsOptional()
  @IsText('procedureName', 300, 3)
  procedureName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The handling unit (without a receipt number).' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The handling cadre (without a receipt number).' })
  @IsOptional()
  @IsUuid('cadreId')
  cadreId?: string | null;

  @Field({ description: 'Day of the survey (YYYY-MM-DD), not in the future.' })
  @IsDay('surveyedOn')
  surveyedOn!: string;

  @Field(() => Int, { description: 'Rating on the fixed scale: 1 (very dissatisfied) to 5 (very satisfied).' })
  @IsInt({ message: 'phải là số nguyên từ 1 đến 5' })
  @Min(1, { message: 'must be from 1 to 5' })
  @Max(5, { message: 'must be from 1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'The citizen’s comment.' })
  @IsOptional()
  @IsText('comment', 2000)
  comment?: string | null;
}

@InputType({
  description:
    'A citizen’s own answer to the satisfaction survey, with the survey code (mã khảo sát) printed on the receipt of the completed procedure. No account needed.',
})
export class SubmitSatisfactionInput {
  @Field(() => String, {
    nullable: true,
    description:
      'The survey code (mã khảo sát) printed on the receipt, `XXXX-XXXX-XXXX-XXXX-C`; case, hyphens and spaces do not matter. Required (nullable in the schema only so that clients written before it keep validating: without it the answer is BAD_USER_INPUT). An unknown, mistyped or wrong code is NOT_FOUND, the same answer whether or not the procedure exists.',
  })
  @IsOptional()
  @MaxLength(64, { message: 'must be at most 64 characters' })
  surveyCode?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason:
      'A receipt number is sequential and could be guessed; give surveyCode. When given beside it, it must be the same procedure’s.',
    description: 'Receipt number on the citizen’s receipt (optional; checked against the survey code’s procedure).',
  })
  @IsOptional()
  @MaxLength(40, { message: 'must be at most 40 characters' })
  receiptNumber?: string | null;

  @Field(() => Int, { description: 'Rating: 1 (very dissatisfied) to 5 (very satisfied).' })
  @IsInt({ message: 'phải là số nguyên từ 1 đến 5' })
  @Min(1, { message: 'must be from 1 to 5' })
  @Max(5, { message: 'must be from 1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  @IsOptional()
  @IsText('comment', 2000)
  comment?: string | null;
}

@InputType({
  description:
    'The yearly public evaluation of a cadre’s attitude with the Fatherland Front (replaces that year’s) (đánh giá thái độ phục vụ nhân dân).',
})
export class RecordAttitudeEvaluationInput {
  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => Int, { description: 'People who took part.' })
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  respondents!: number;

  @Field(() => Float, { description: 'Share satisfied with the cadre’s attitude, percent.' })
  @IsHundredths('phải là một số có tối đa 2 chữ số thập phân')
  @Min(0, { message: 'must be from 0 to 100' })
  @Max(100, { message: 'must be from 0 to 100' })
  satisfiedPercent!: number;

  @Field(() => AttitudeRating, { description: 'Outcome.' })
  @IsEnum(AttitudeRating)
  rating!: AttitudeRating;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @IsText('note', 2000)
  note?: string | null;
}
