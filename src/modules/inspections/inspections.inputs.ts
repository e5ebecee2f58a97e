import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/page-args';
import { VersionedInput } from '../../graphql/versioned.input';
import { IsDay, IsText } from '../../common/validators';
import {
  FindingArea,
  FindingRecommendation,
  FindingSeverity,
  InspectionStatus,
  InspectionSubjectType,
  OverallAssessment,
} from './inspection.enums';

const IsUuid = (field: string, each = false) =>
  IsUUID('all', { each, message: `${field} phải là ${each ? 'các UUID' : 'một UUID'}` });

@InputType({ description: 'A new inspection or supervision; it starts PLANNED (cuộc kiểm tra, giám sát mới).' })
export class CreateInspectionInput {
  @Field({ description: 'Kind code from `inspectionKinds` (e.g. THEMATIC_INSPECTION).' })
  @MaxLength(60)
  kind!: string;

  @Field({ description: 'Short title.' })
  @IsText('title', 300, 5)
  title!: string;

  @Field(() => InspectionSubjectType, { description: 'A unit or a cadre.' })
  @IsEnum(InspectionSubjectType)
  subjectType!: InspectionSubjectType;

  @Field(() => ID, { nullable: true, description: 'The unit inspected (subjectType UNIT).' })
  @IsOptional()
  @IsUuid('subjectUnitId')
  subjectUnitId?: string;

  @Field(() => ID, { nullable: true, description: 'The cadre inspected (subjectType CADRE); must be a Party member.' })
  @IsOptional()
  @IsUuid('subjectCadreId')
  subjectCadreId?: string;

  @Field({ description: 'Start of the period under inspection (YYYY-MM-DD).' })
  @IsDay('periodFrom')
  periodFrom!: string;

  @Field({ description: 'End of the period under inspection (YYYY-MM-DD), not before periodFrom.' })
  @IsDay('periodTo')
  periodTo!: string;

  @Field(() => [FindingArea], { defaultValue: [], description: 'Areas of focus.' })
  @IsEnum(FindingArea, { each: true })
  @ArrayMaxSize(10)
  areas!: FindingArea[];

  @Field(() => [ID], { defaultValue: [], description: 'Reports that triggered it.' })
  @IsUuid('reportIds', true)
  @ArrayMaxSize(50)
  reportIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Team leader (a cadre); required before the decision.' })
  @IsOptional()
  @IsUuid('leaderId')
  leaderId?: string;

  @Field(() => [ID], { defaultValue: [], description: 'Team members (cadres). See `setInspectionTeam` for the conflict rules.' })
  @IsUuid('memberIds', true)
  @ArrayMaxSize(30)
  memberIds!: string[];

  @Field(() => ID, {
    nullable: true,
    description: 'The plan item this inspection carries out (an item is carried out once: CONFLICT otherwise).',
  })
  @IsOptional()
  @IsUuid('planItemId')
  planItemId?: string;

  @Field(() => String, { nullable: true, description: 'The team’s internal notes; never shown to the cadre under inspection.' })
  @IsOptional()
  @IsText('internalNotes', 10000)
  internalNotes?: string;
}

@InputType({ description: 'The team of an inspection (thành phần đoàn kiểm tra).' })
export class SetInspectionTeamInput {
  @Field(() => ID, { description: 'The inspection.' })
  @IsUuid('id')
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => ID, { description: 'Team leader (trưởng đoàn).' })
  @IsUuid('leaderId')
  leaderId!: string;

  @Field(() => [ID], { description: 'Team members other than the leader.' })
  @IsUuid('memberIds', true)
  @ArrayMaxSize(30)
  memberIds!: string[];
}

@InputType({
  description:
    'Correct an inspection’s title, period or areas of focus: the fields given are replaced, the others kept (sửa cuộc kiểm tra).',
})
export class UpdateInspectionInput extends VersionedInput {
  @Field({ nullable: true, description: 'Short title.' })
  @IsOptional()
  @IsText('title', 300, 5)
  title?: string;

  @Field({ nullable: true, description: 'Start of the period under inspection (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('periodFrom')
  periodFrom?: string;

  @Field({ nullable: true, description: 'End of the period under inspection (YYYY-MM-DD), not before its start.' })
  @IsOptional()
  @IsDay('periodTo')
  periodTo?: string;

  @Field(() => [FindingArea], { nullable: true, description: 'Areas of focus (replace the list).' })
  @IsOptional()
  @IsEnum(FindingArea, { each: true })
  @ArrayMaxSize(10)
  areas?: FindingArea[];
}

@InputType({ description: 'Replace the team’s internal notes (ghi chú nội bộ của đoàn).' })
export class SetInspectionNotesInput {
  @Field(() => ID, { description: 'The inspection.' })
  @IsUuid('id')
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field({ description: 'The notes.' })
  @IsText('internalNotes', 10000, 0)
  internalNotes!: string;
}

@InputType({ description: 'Move an inspection to another stage; each stage needs its own fields (chuyển bước cuộc kiểm tra).' })
export class TransitionInspectionInput {
  @Field(() => ID, { description: 'The inspection.' })
  @IsUuid('id')
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => InspectionStatus, { description: 'The stage to move to.' })
  @IsEnum(InspectionStatus)
  to!: InspectionStatus;

  @Field(() => String, { nullable: true, description: 'DECIDED: decision number.' })
  @IsOptional()
  @IsText('decisionNumber', 60)
  decisionNumber?: string;

  @Field(() => String, { nullable: true, description: 'DECIDED: decision date (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('decisionDate')
  decisionDate?: string;

  @Field(() => String, { nullable: true, description: 'DECIDED: issuing body.' })
  @IsOptional()
  @IsText('issuingBody', 200)
  issuingBody?: string;

  @Field(() => String, { nullable: true, description: 'CONCLUDED: the conclusion text.' })
  @IsOptional()
  @IsText('conclusion', 20000)
  conclusion?: string;

  @Field(() => OverallAssessment, { nullable: true, description: 'CONCLUDED: the overall assessment.' })
  @IsOptional()
  @IsEnum(OverallAssessment)
  assessment?: OverallAssessment;

  @Field(() => String, { nullable: true, description: 'CANCELLED: the reason.' })
  @IsOptional()
  @IsText('reason', 2000)
  reason?: string;
}

@InputType({ description: 'A finding recorded during an inspection (ghi nhận phát hiện).' })
export class RecordFindingInput {
  @Field(() => ID, { description: 'The inspection; it must be IN_PROGRESS or FINDINGS_REPORTED.' })
  @IsUuid('inspectionId')
  inspectionId!: string;

  @Field({ description: 'What was found.' })
  @IsText('description', 10000, 5)
  description!: string;

  @Field(() => FindingArea, { description: 'Area.' })
  @IsEnum(FindingArea)
  area!: FindingArea;

  @Field(() => FindingSeverity, { description: 'Severity.' })
  @IsEnum(FindingSeverity)
  severity!: FindingSeverity;

  @Field(() => [ID], { defaultValue: [], description: 'Cadres concerned.' })
  @IsUuid('concernedCadreIds', true)
  @ArrayMaxSize(50)
  concernedCadreIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Units concerned.' })
  @IsUuid('concernedUnitIds', true)
  @ArrayMaxSize(50)
  concernedUnitIds!: string[];

  @Field(() => String, { nullable: true, description: 'Evidence: references to documents.' })
  @IsOptional()
  @IsText('evidence', 5000)
  evidence?: string;

  @Field(() => FindingRecommendation, { description: 'Recommendation.' })
  @IsEnum(FindingRecommendation)
  recommendation!: FindingRecommendation;

  @Field(() => String, { nullable: true, description: 'Correct by (YYYY-MM-DD); required for CORRECT_BY_DATE.' })
  @IsOptional()
  @IsDay('correctBy')
  correctBy?: string;
}

@InputType({ description: 'A recommendation of a conclusion to follow up (kiến nghị cần theo dõi thực hiện).' })
export class AddFollowUpInput {
  @Field(() => ID, { description: 'The inspection; it must be CONCLUDED or FOLLOW_UP.' })
  @IsUuid('inspectionId')
  inspectionId!: string;

  @Field({ description: 'The recommendation.' })
  @IsText('text', 5000, 5)
  text!: string;

  @Field({ description: 'Due date (YYYY-MM-DD).' })
  @IsDay('dueOn')
  dueOn!: string;
}

@InputType({ description: 'Record that a recommendation was fulfilled (ghi nhận đã thực hiện kiến nghị).' })
export class FulfilFollowUpInput {
  @Field(() => ID, { description: 'The follow-up item.' })
  @IsUuid('id')
  id!: string;

  @Field({ description: 'When it was fulfilled (YYYY-MM-DD).' })
  @IsDay('fulfilledOn')
  fulfilledOn!: string;

  @Field({ description: 'How.' })
  @IsText('note', 5000)
  note!: string;
}

@InputType({
  description: 'Filters of the inspection list; all given filters apply together (lọc danh sách cuộc kiểm tra, giám sát).',
})
export class InspectionFilter {
  @Field(() => [String], { nullable: true, description: 'Any of these kind codes.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(60, { each: true })
  kinds?: string[];

  @Field(() => [InspectionStatus], { nullable: true, description: 'Any of these stages.' })
  @IsOptional()
  @IsEnum(InspectionStatus, { each: true })
  statuses?: InspectionStatus[];

  @Field(() => ID, { nullable: true, description: 'Inspections of this cadre.' })
  @IsOptional()
  @IsUuid('subjectCadreId')
  subjectCadreId?: string;

  @Field(() => ID, { nullable: true, description: 'Inspections of this unit or units below it, or of cadres working there.' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string;

  @Field(() => FindingArea, { nullable: true, description: 'With this area of focus.' })
  @IsOptional()
  @IsEnum(FindingArea)
  area?: FindingArea;

  @Field(() => String, { nullable: true, description: 'Whose period ends on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('periodFrom')
  periodFrom?: string;

  @Field(() => String, { nullable: true, description: 'Whose period starts on or before this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('periodTo')
  periodTo?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: with a follow-up recommendation past its due date and unfulfilled.',
  })
  @IsOptional()
  @IsBoolean()
  overdueFollowUp?: boolean;
}

@ArgsType()
export class InspectionsArgs extends PageArgs {
  @Field(() => InspectionFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InspectionFilter)
  filter?: InspectionFilter;
}

@InputType({ description: 'Filters of the finding list (lọc danh sách phát hiện).' })
export class FindingFilter {
  @Field(() => ID, { nullable: true, description: 'Findings of this inspection.' })
  @IsOptional()
  @IsUuid('inspectionId')
  inspectionId?: string;

  @Field(() => [FindingArea], { nullable: true, description: 'Any of these areas.' })
  @IsOptional()
  @IsEnum(FindingArea, { each: true })
  areas?: FindingArea[];

  @Field(() => [FindingSeverity], { nullable: true, description: 'Any of these severities.' })
  @IsOptional()
  @IsEnum(FindingSeverity, { each: true })
  severities?: FindingSeverity[];

  @Field(() => ID, { nullable: true, description: 'Concerning this cadre.' })
  @IsOptional()
  @IsUuid('cadreId')
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'Concerning this unit (directly).' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string;
}

@ArgsType()
export class FindingsArgs extends PageArgs {
  @Field(() => FindingFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FindingFilter)
  filter?: FindingFilter;
}
