import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  validate,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { badInput } from '../../common/errors';
import { fieldProblems } from '../../graphql/format-error';
import { PoliticalTheory, Qualification } from '../cadres/cadre.enums';
import { IsDay, IsText } from '../../common/validators';
import {
  AttitudeRating,
  Rating,
  ReceptionKind,
  TargetCode,
  TrainingCategory,
  TrainingMode,
  TrainingResult,
} from './quality.enums';

const IsUuid = (field: string, each = false) => IsUUID('all', { each, message: `${field} must be ${each ? 'UUIDs' : 'a UUID'}` });
const IsYear = (field: string) => (target: object, key: string | symbol) => {
  IsInt({ message: `${field} must be a whole year` })(target, key);
  Min(2000, { message: `${field} must be 2000 or later` })(target, key);
  Max(2100, { message: `${field} must be 2100 or earlier` })(target, key);
};
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/**
 * A finite number with at most two decimals. Not class-validator's `IsNumber({ maxDecimalPlaces })`:
 * it counts decimals in `String(value)` and throws (a 500) on one written with an exponent, such
 * as 1e-7 or -5e-323.
 */
const IsHundredths = (message: string) =>
  ValidateBy({
    name: 'isHundredths',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value * 100) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => message,
    },
  });

/**
 * class-validator on an input outside GraphQL (spreadsheet importers call the services row by
 * row): the same rules and the same `input.<field>` paths as at the edge. A plain object is
 * turned into an instance of `cls` first.
 */
export async function validInput<T extends object>(
  cls: new () => T,
  value: T | Record<string, unknown>,
  prefix = 'input',
): Promise<T> {
  const instance = value instanceof cls ? value : plainToInstance(cls, value);
  const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  const problems = fieldProblems(errors, prefix);
  if (problems.length) throw badInput(`Invalid input: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return instance;
}

@InputType({ description: 'The standard of a post; replaces the post’s standard when it has one.' })
export class SetPostStandardInput {
  @Field(() => ID, { description: 'The post.' })
  @IsUuid('postId')
  postId!: string;

  @Field(() => Qualification, { description: 'Least professional qualification.' })
  @IsEnum(Qualification, { message: 'minQualification must be a Qualification' })
  minQualification!: Qualification;

  @Field(() => PoliticalTheory, { description: 'Least political theory level.' })
  @IsEnum(PoliticalTheory, { message: 'minPoliticalTheory must be a PoliticalTheory' })
  minPoliticalTheory!: PoliticalTheory;

  @Field(() => [TrainingCategory], { description: 'Training categories the holder must have passed.' })
  @ArrayMaxSize(6)
  @IsEnum(TrainingCategory, { each: true, message: 'requiredTraining must list TrainingCategory values' })
  requiredTraining!: TrainingCategory[];
}

@InputType({ description: 'A new training course.' })
export class CreateTrainingCourseInput {
  @Field({ description: 'Title in Vietnamese.' })
  @IsText('title', 300, 3)
  title!: string;

  @Field(() => TrainingCategory, { description: 'Topic category.' })
  @IsEnum(TrainingCategory, { message: 'category must be a TrainingCategory' })
  category!: TrainingCategory;

  @Field(() => TrainingMode, { description: 'In person or online.' })
  @IsEnum(TrainingMode, { message: 'mode must be IN_PERSON or ONLINE' })
  mode!: TrainingMode;

  @Field({ description: 'First day (YYYY-MM-DD).' })
  @IsDay('startsOn')
  startsOn!: string;

  @Field({ description: 'Last day (YYYY-MM-DD), not before startsOn.' })
  @IsDay('endsOn')
  endsOn!: string;

  @Field({ description: 'Provider.' })
  @IsText('provider', 200, 2)
  provider!: string;
}

@InputType({ description: 'A cadre’s attendance of a course. Recording it again for the same course and cadre is a CONFLICT.' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The course.' })
  @IsUuid('courseId')
  courseId!: string;

  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => TrainingResult, { description: 'Result.' })
  @IsEnum(TrainingResult, { message: 'result must be PASSED, FAILED or DID_NOT_FINISH' })
  result!: TrainingResult;

  @Field(() => String, { nullable: true, description: 'Certificate number, when one was issued (PASSED only).' })
  @IsOptional()
  @IsText('certificateNumber', 60)
  certificateNumber?: string | null;
}

@InputType({ description: 'A unit’s yearly training plan for one category (replaces the existing one).' })
export class SetTrainingPlanInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUuid('unitId')
  unitId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => TrainingCategory, { description: 'Category.' })
  @IsEnum(TrainingCategory, { message: 'category must be a TrainingCategory' })
  category!: TrainingCategory;

  @Field(() => Int, { description: 'Cadres planned to be trained.' })
  @IsInt({ message: 'plannedCadres must be a whole number' })
  @Min(0, { message: 'plannedCadres must not be negative' })
  @Max(100000, { message: 'plannedCadres must be at most 100000' })
  plannedCadres!: number;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @IsText('note', 2000)
  note?: string | null;
}

@InputType({ description: 'One key task of a personal work plan.' })
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

@InputType({ description: 'A cadre’s personal work plan for a year (replaces the existing one).' })
export class SetWorkPlanInput {
  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => [WorkPlanTaskInput], { description: 'Key tasks (1 to 30).' })
  @ArrayMinSize(1, { message: 'tasks must list at least one key task' })
  @ArrayMaxSize(30, { message: 'tasks must list at most 30 key tasks' })
  @ValidateNested({ each: true })
  @Type(() => WorkPlanTaskInput)
  tasks!: WorkPlanTaskInput[];

  @Field(() => String, { nullable: true, description: 'The unit head’s review.' })
  @IsOptional()
  @IsText('reviewNote', 5000)
  reviewNote?: string | null;
}

@InputType({
  description: 'The annual evaluation of a cadre. One per cadre and year: a second is a CONFLICT (use updateEvaluation).',
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
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'taskGroup must be 2 to 40 capital letters, digits or underscores' })
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
  @IsHundredths('score must be a number with at most 2 decimals')
  @Min(0, { message: 'score must be between 0 and 100' })
  @Max(100, { message: 'score must be between 0 and 100' })
  score?: number | null;

  @Field(() => Rating, { description: 'The rating.' })
  @IsEnum(Rating, { message: 'rating must be EXCELLENT, WELL, COMPLETED or NOT_COMPLETED' })
  rating!: Rating;
}

@InputType({ description: 'A change to an evaluation; the rules are checked again.' })
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
  @IsHundredths('score must be a number with at most 2 decimals')
  @Min(0, { message: 'score must be between 0 and 100' })
  @Max(100, { message: 'score must be between 0 and 100' })
  score?: number | null;

  @Field(() => Rating, { nullable: true, description: 'New rating.' })
  @IsOptional()
  @IsEnum(Rating, { message: 'rating must be EXCELLENT, WELL, COMPLETED or NOT_COMPLETED' })
  rating?: Rating | null;
}

@InputType({ description: 'An exception to the quota of "excellent" ratings for an outstanding unit.' })
export class RecordQuotaExceptionInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUuid('unitId')
  unitId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field({ description: 'Task group (LEADERS, STAFF or another group used in the evaluations).' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'taskGroup must be 2 to 40 capital letters, digits or underscores' })
  taskGroup!: string;

  @Field({ description: 'Decision that grants it.' })
  @IsText('decisionNumber', 60)
  decisionNumber!: string;

  @Field({ description: 'Why the unit is outstanding.' })
  @IsText('reason', 5000, 5)
  reason!: string;
}

@InputType({ description: 'A completed administrative procedure (from the one-stop shop), with its receipt number.' })
export class RecordProcedureCaseInput {
  @Field({ description: 'Receipt number (số biên nhận), unique.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$/, {
    message: 'receiptNumber must be 3 to 40 letters, digits, dots, slashes or hyphens',
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
    'A satisfaction survey result entered by staff (or imported). Give receiptNumber, or procedureName with unitId (and cadreId).',
})
export class RecordSatisfactionInput {
  @Field(() => String, {
    nullable: true,
    description: 'Receipt number of the completed procedure surveyed; procedure, unit and cadre then come from it.',
  })
  @IsOptional()
  @MaxLength(40, { message: 'receiptNumber must be at most 40 characters' })
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
  @IsInt({ message: 'score must be a whole number from 1 to 5' })
  @Min(1, { message: 'score must be from 1 to 5 (the fixed scale)' })
  @Max(5, { message: 'score must be from 1 to 5 (the fixed scale)' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'The citizen’s comment.' })
  @IsOptional()
  @IsText('comment', 2000)
  comment?: string | null;
}

@InputType({
  description:
    'A citizen’s own answer to the satisfaction survey, with the receipt of the completed procedure. No account needed.',
})
export class SubmitSatisfactionInput {
  @Field({ description: 'Receipt number on the citizen’s receipt.' })
  @MaxLength(40, { message: 'receiptNumber must be at most 40 characters' })
  receiptNumber!: string;

  @Field(() => Int, { description: 'Rating: 1 (very dissatisfied) to 5 (very satisfied).' })
  @IsInt({ message: 'score must be a whole number from 1 to 5' })
  @Min(1, { message: 'score must be from 1 to 5 (the fixed scale)' })
  @Max(5, { message: 'score must be from 1 to 5 (the fixed scale)' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  @IsOptional()
  @IsText('comment', 2000)
  comment?: string | null;
}

@InputType({
  description: 'The yearly public evaluation of a cadre’s attitude with the Fatherland Front (replaces that year’s).',
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
  @Min(1, { message: 'respondents must be at least 1' })
  respondents!: number;

  @Field(() => Float, { description: 'Share satisfied with the cadre’s attitude, percent.' })
  @IsHundredths('satisfiedPercent must be a number with at most 2 decimals')
  @Min(0, { message: 'satisfiedPercent must be between 0 and 100' })
  @Max(100, { message: 'satisfiedPercent must be between 0 and 100' })
  satisfiedPercent!: number;

  @Field(() => AttitudeRating, { description: 'Outcome.' })
  @IsEnum(AttitudeRating)
  rating!: AttitudeRating;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @IsText('note', 2000)
  note?: string | null;
}

@InputType({ description: 'A reception day or dialogue to publish.' })
export class ScheduleReceptionInput {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @IsEnum(ReceptionKind)
  kind!: ReceptionKind;

  @Field({ description: 'Day (YYYY-MM-DD).' })
  @IsDay('day')
  day!: string;

  @Field({ description: 'Start, HH:MM.' })
  @Matches(HHMM, { message: 'startsAt must be HH:MM' })
  startsAt!: string;

  @Field({ description: 'End, HH:MM, after startsAt.' })
  @Matches(HHMM, { message: 'endsAt must be HH:MM' })
  endsAt!: string;

  @Field(() => ID, { description: 'The receiving leader (a current leader or manager).' })
  @IsUuid('receiverCadreId')
  receiverCadreId!: string;

  @Field({ description: 'Where.' })
  @IsText('location', 300, 3)
  location!: string;
}

@InputType({ description: 'A reception session or dialogue that was held.' })
export class RecordReceptionSessionInput {
  @Field(() => ReceptionKind, { description: 'Reception or dialogue.' })
  @IsEnum(ReceptionKind)
  kind!: ReceptionKind;

  @Field({ description: 'Day held (YYYY-MM-DD), not in the future.' })
  @IsDay('heldOn')
  heldOn!: string;

  @Field(() => ID, { nullable: true, description: 'The schedule entry it fulfils.' })
  @IsOptional()
  @IsUuid('scheduleId')
  scheduleId?: string | null;

  @Field(() => [ID], { description: 'Who received (1 to 10 cadres).' })
  @ArrayMinSize(1, { message: 'receiverCadreIds must name at least one cadre' })
  @ArrayMaxSize(10)
  @IsUuid('receiverCadreIds', true)
  receiverCadreIds!: string[];

  @Field(() => Int, { description: 'Citizens received.' })
  @IsInt()
  @Min(0, { message: 'citizenCount must not be negative' })
  @Max(100000)
  citizenCount!: number;

  @Field({ description: 'Topics raised and answers given.' })
  @IsText('summary', 10000, 5)
  summary!: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Reports recorded from the session (recordReport with channel RECEPTION).',
  })
  @ArrayMaxSize(200)
  @IsUuid('reportIds', true)
  reportIds!: string[];
}

@ArgsType()
export class TargetRecordsArgs {
  @Field(() => TargetCode, { description: 'The target.' })
  @IsEnum(TargetCode)
  target!: TargetCode;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => ID, { nullable: true, description: 'Only records of this unit and the units below it.' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only records counted as meeting the target; false: only those that do not; null: all of the denominator.',
  })
  @IsOptional()
  counted?: boolean | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  @IsUUID('all', { message: 'after must be an endCursor from a previous page' })
  after?: string | null;
}

export const TASK_GROUPS = { LEADERS: 'LEADERS', STAFF: 'STAFF' } as const;
