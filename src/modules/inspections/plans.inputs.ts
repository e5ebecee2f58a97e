import { IsEnum, IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { VersionedInput } from '../../graphql/versioned.input';
import { FindingArea, InspectionSubjectType } from './inspection.enums';
import { IsText } from '../../common/validators';
import { PlanScope } from './plan.entity';

@InputType({
  description:
    'A new programme: for the term (fromYear to toYear) or one year (fromYear = toYear) (chương trình kiểm tra, giám sát mới).',
})
export class CreateInspectionPlanInput {
  @Field(() => PlanScope, { description: 'Term or year.' })
  @IsEnum(PlanScope)
  scope!: PlanScope;

  @Field(() => Int, { description: 'First year covered.' })
  @IsInt()
  @Min(2025)
  @Max(2100)
  fromYear!: number;

  @Field(() => Int, { description: 'Last year covered (equal to fromYear for a yearly plan).' })
  @IsInt()
  @Min(2025)
  @Max(2100)
  toYear!: number;

  @Field({ description: 'Title.' })
  @IsText('title', 300, 5)
  title!: string;

  @Field({ description: 'Issuing body.' })
  @IsText('issuingBody', 200)
  issuingBody!: string;

  @Field(() => String, { nullable: true, description: 'Document number.' })
  @IsOptional()
  @IsText('documentNumber', 60)
  documentNumber?: string;
}

@InputType({ description: 'A planned inspection or supervision (mục trong chương trình kiểm tra, giám sát).' })
export class AddPlanItemInput {
  @Field(() => ID, { description: 'The programme.' })
  @IsUUID('all', { message: 'planId phải là một UUID' })
  planId!: string;

  @Field({ description: 'Kind code from `inspectionKinds`.' })
  @MaxLength(60)
  kind!: string;

  @Field(() => InspectionSubjectType, { description: 'A unit or a cadre.' })
  @IsEnum(InspectionSubjectType)
  subjectType!: InspectionSubjectType;

  @Field(() => ID, { nullable: true, description: 'The unit (subjectType UNIT).' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectUnitId phải là một UUID' })
  subjectUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'The cadre (subjectType CADRE).' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectCadreId phải là một UUID' })
  subjectCadreId?: string;

  @Field(() => FindingArea, { description: 'Area of focus.' })
  @IsEnum(FindingArea)
  area!: FindingArea;

  @Field(() => Int, { description: 'Year, within the programme’s years.' })
  @IsInt()
  @Min(2025)
  @Max(2100)
  plannedYear!: number;

  @Field(() => Int, { description: 'Quarter, 1 to 4.' })
  @IsInt()
  @Min(1, { message: 'plannedQuarter phải từ 1 đến 4' })
  @Max(4, { message: 'plannedQuarter phải từ 1 đến 4' })
  plannedQuarter!: number;

  @Field({ description: 'Body responsible.' })
  @IsText('responsibleBody', 200)
  responsibleBody!: string;
}

@InputType({
  description:
    'A change to a programme: the fields given are replaced, the others kept (sửa chương trình kiểm tra, giám sát). Scope and years stay (they are the programme’s identity and bound its items).',
})
export class UpdateInspectionPlanInput extends VersionedInput {
  @Field({ nullable: true, description: 'Title.' })
  @IsOptional()
  @IsText('title', 300, 5)
  title?: string;

  @Field({ nullable: true, description: 'Issuing body.' })
  @IsOptional()
  @IsText('issuingBody', 200)
  issuingBody?: string;

  @Field(() => String, { nullable: true, description: 'Document number; null clears it.' })
  @IsOptional()
  @IsText('documentNumber', 60)
  documentNumber?: string | null;
}

@InputType({
  description:
    'A change to a planned item: the fields given are replaced, the others kept (sửa mục trong chương trình). The subject is given whole (subjectType with its id). Once an inspection carries the item out, its kind and subject stay.',
})
export class UpdatePlanItemInput extends VersionedInput {
  @Field({ nullable: true, description: 'Kind code from `inspectionKinds`.' })
  @IsOptional()
  @MaxLength(60)
  kind?: string;

  @Field(() => InspectionSubjectType, { nullable: true, description: 'A unit or a cadre; with subjectUnitId or subjectCadreId.' })
  @IsOptional()
  @IsEnum(InspectionSubjectType)
  subjectType?: InspectionSubjectType;

  @Field(() => ID, { nullable: true, description: 'The unit (subjectType UNIT).' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectUnitId phải là một UUID' })
  subjectUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'The cadre (subjectType CADRE).' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectCadreId phải là một UUID' })
  subjectCadreId?: string;

  @Field(() => FindingArea, { nullable: true, description: 'Area of focus.' })
  @IsOptional()
  @IsEnum(FindingArea)
  area?: FindingArea;

  @Field(() => Int, { nullable: true, description: 'Year, within the programme’s years.' })
  @IsOptional()
  @IsInt()
  @Min(2025)
  @Max(2100)
  plannedYear?: number;

  @Field(() => Int, { nullable: true, description: 'Quarter, 1 to 4.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'plannedQuarter phải từ 1 đến 4' })
  @Max(4, { message: 'plannedQuarter phải từ 1 đến 4' })
  plannedQuarter?: number;

  @Field({ nullable: true, description: 'Body responsible.' })
  @IsOptional()
  @IsText('responsibleBody', 200)
  responsibleBody?: string;
}

@ArgsType()
export class InspectionPlansArgs {
  @Field(() => Int, { description: 'Programmes covering this year: the yearly plan and the term programme.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}
