import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsDay, IsText } from '../../../common/validators';
import { PoliticalTheory, Qualification } from '../../cadres/cadre.enums';
import { TrainingCategory, TrainingMode, TrainingResult } from '../quality.enums';
import { IsUuid, IsYear } from '../quality.validation';

@InputType({ description: 'The standard of a post; replaces the post’s standard when it has one (tiêu chuẩn chức danh).' })
export class SetPostStandardInput {
  @Field(() => ID, { description: 'The post.' })
  @IsUuid('postId')
  postId!: string;

  @Field(() => Qualification, { description: 'Least professional qualification.' })
  @IsEnum(Qualification, { message: 'phải là một trình độ chuyên môn trong danh mục (Qualification)' })
  minQualification!: Qualification;

  @Field(() => PoliticalTheory, { description: 'Least political theory level.' })
  @IsEnum(PoliticalTheory, { message: 'phải là một trình độ lý luận chính trị trong danh mục (PoliticalTheory)' })
  minPoliticalTheory!: PoliticalTheory;

  @Field(() => [TrainingCategory], { description: 'Training categories the holder must have passed.' })
  @ArrayMaxSize(6)
  @IsEnum(TrainingCategory, { each: true, message: 'phải là danh sách các loại bồi dưỡng trong danh mục (TrainingCategory)' })
  requiredTraining!: TrainingCategory[];
}

@InputType({ description: 'A new training course (khóa bồi dưỡng mới).' })
export class CreateTrainingCourseInput {
  @Field({ description: 'Title in Vietnamese.' })
  @IsText('title', 300, 3)
  title!: string;

  @Field(() => TrainingCategory, { description: 'Topic category.' })
  @IsEnum(TrainingCategory, { message: 'phải là một loại bồi dưỡng trong danh mục (TrainingCategory)' })
  category!: TrainingCategory;

  @Field(() => TrainingMode, { description: 'In person or online.' })
  @IsEnum(TrainingMode, { message: 'phải là IN_PERSON (trực tiếp) hoặc ONLINE (trực tuyến)' })
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

@InputType({
  description:
    'A cadre’s attendance of a course (kết quả tham gia bồi dưỡng). Recording it again for the same course and cadre is a CONFLICT.',
})
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The course.' })
  @IsUuid('courseId')
  courseId!: string;

  @Field(() => ID, { description: 'The cadre.' })
  @IsUuid('cadreId')
  cadreId!: string;

  @Field(() => TrainingResult, { description: 'Result.' })
  @IsEnum(TrainingResult, { message: 'phải là PASSED (đạt), FAILED (không đạt) hoặc DID_NOT_FINISH (không hoàn thành)' })
  result!: TrainingResult;

  @Field(() => String, { nullable: true, description: 'Certificate number, when one was issued (PASSED only).' })
  @IsOptional()
  @IsText('certificateNumber', 60)
  certificateNumber?: string | null;
}

@InputType({ description: 'A unit’s yearly training plan for one category (replaces the existing one) (kế hoạch bồi dưỡng).' })
export class SetTrainingPlanInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUuid('unitId')
  unitId!: string;

  @Field(() => Int, { description: 'Year.' })
  @IsYear('year')
  year!: number;

  @Field(() => TrainingCategory, { description: 'Category.' })
  @IsEnum(TrainingCategory, { message: 'phải là một loại bồi dưỡng trong danh mục (TrainingCategory)' })
  category!: TrainingCategory;

  @Field(() => Int, { description: 'Cadres planned to be trained.' })
  @IsInt({ message: 'must be an integer number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(100000, { message: 'must be at most 100000' })
  plannedCadres!: number;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  @IsOptional()
  @IsText('note', 2000)
  note?: string | null;
}
