import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsDay, IsText } from '../../../common/validators';
import { Rating } from '../quality.enums';
import { IsHundredths, IsUuid, IsYear } from '../quality.validation';

@InputType({ description: 'One key task of a personal work plan (nhiệm vụ trong kế hoạch công tác).' })
export class WorkPlanTaskInput {
  @Field({ description: 'The task.' })
  @IsText('title', 500, 3)
  title!: string;

  @Field({ description: 'Deadline (YYYY-MM-DD).' })
  @IsDay('deadline')
  deadline!: string;

  @Field({ description: 'Expected output.' })
  @IsText('output', 1000, 2)
  output!: string;

  @Field(() => String, { nullable: true, description: 'What was delivered.' })
  @IsOptional()
  @IsText('result', 2000)
  result?: string | null;
}

@InputType({ description: 'A cadre’s personal work plan for a year (replaces the existing one) (kế hoạch công tác cá nhân).' })
export class SetWorkPlanInput {
  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => [WorkPlanTaskInput], { description: 'Key tasks (1 to 30).' })
  @ArrayMinSize(1, { message: 'phải nêu ít nhất một nhiệm vụ trọng tâm' })
  @ArrayMaxSize(30, { message: 'tối đa 30 nhiệm vụ trọng tâm' })
  @ValidateNested({ each: true })
  @Type(() => WorkPlanTaskInput)
  tasks!: WorkPlanTaskInput[];

  @Field(() => String, { nullable: true, description: 'The unit head’s review.' })
  @IsOptional()
  @IsText('reviewNote', 5000)
  reviewNote?: string | null;
}

@InputType({
  description:
    'The annual evaluation of a cadre (đánh giá, xếp loại chất lượng hằng năm). One per cadre and year: a second is a CONFLICT (use updateEvaluation).',
})
export class RecordEvaluationInput {
  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => Int, { description: 'Year evaluated: the cadre must have been employed in it; not a future year.' })
  @IsYear('year')
  year!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Task group for the quota; default LEADERS for leaders/managers, STAFF otherwise.',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'phải dài 2 đến 40 ký tự, gồm chữ in hoa, chữ số hoặc dấu gạch dưới' })
  taskGroup?: string | null;

  @Field({ description: 'The cadre’s self-assessment.' })
  @IsText('selfAssessment', 10000, 3)
  selfAssessment!: string;

  @Field(() => String, { nullable: true, description: 'The unit head’s assessment.' })
  @IsOptional()
  @IsText('unitHeadAssessment', 10000, 3)
  unitHeadAssessment?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Score on 100 points, where the rules use one; the rating may not be above its band.',
  })
  @IsOptional()
  @IsHundredths('phải là một số có tối đa 2 chữ số thập phân')
  @Min(0, { message: 'score must be between 0 and 100' })
  @Max(100, { message: 'score must be between 0 and 100' })
  score?: number | null;

  @Field(() => Rating, { description: 'The rating.' })
  @IsEnum(Rating, {
    message: 'phải là EXCELLENT, WELL, COMPLETED hoặc NOT_COMPLETED (xuất sắc, tốt, hoàn thành, không hoàn thành)',
  })
  rating!: Rating;
}

@InputType({ description: 'A change to an evaluation; the rules are checked again (sửa kết quả đánh giá, xếp loại).' })
export class UpdateEvaluationInput {
  @Field(() => ID, { description: 'The evaluation.' })
  @IsUuid('id')
  id!: string;

  @Field(() => Int, { description: 'The version read.' })
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true, description: 'New unit head’s assessment.' })
  @IsOptional()
  @IsText('unitHeadAssessment', 10000, 3)
  unitHeadAssessment?: string | null;

  @Field(() => Float, { nullable: true, description: 'New score.' })
  @IsOptional()
  @IsHundredths('phải là một số có tối đa 2 chữ số thập phân')
  @Min(0, { message: 'score must be between 0 and 100' })
  @Max(100, { message: 'score must be between 0 and 100' })
  score?: number | null;

  @Field(() => Rating, { nullable: true, description: 'New rating.' })
  @IsOptional()
  @IsEnum(Rating, {
    message: 'phải là EXCELLENT, WELL, COMPLETED hoặc NOT_COMPLETED (xuất sắc, tốt, hoàn thành, không hoàn thành)',
  })
  rating?: Rating | null;
}

@InputType({
  description:
    'An exception to the quota of "excellent" ratings for an outstanding unit (ngoại lệ về tỷ lệ hoàn thành xuất sắc).',
})
export class RecordQuotaExceptionInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUuid('unitId')
  unitId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field({ description: 'Task group (LEADERS, STAFF or another group used in the evaluations).' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'phải dài 2 đến 40 ký tự, gồm chữ in hoa, chữ số hoặc dấu gạch dưới' })
  taskGroup!: string;

  @Field({ description: 'Decision that grants it.' })
  @IsText('decisionNumber', 60)
  decisionNumber!: string;

  @Field({ description: 'Why the unit is outstanding.' })
  @IsText('reason', 5000, 5)
  reason!: string;
}

export const TASK_GROUPS = { LEADERS: 'LEADERS', STAFF: 'STAFF' } as const;
