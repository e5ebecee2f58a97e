import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../graphql/page-args';
import { IsDay, IsText } from '../../common/validators';
import {
  DecidingBody,
  DeferralReason,
  DisciplineForm,
  DisciplineSide,
  DisciplineStatus,
  DisciplineSubjectType,
  NoLimitationGround,
} from './discipline.enums';

const IsUuid = (field: string) => IsUUID('all', { message: `${field} phải là một UUID` });

@InputType({ description: 'Open a discipline case from a finding, a report or directly (mở hồ sơ kỷ luật).' })
export class OpenDisciplineCaseInput {
  @Field(() => DisciplineSubjectType, {
    description:
      'Who is disciplined. Checked against the register: Party member types need a cadre who is a Party member (admitted less than 12 months ago = probationary, otherwise full, when the admission date is known); ELECTED_CADRE needs civil-service category CADRE, CIVIL_SERVANT category CIVIL_SERVANT; PARTY_ORGANISATION a Party unit.',
  })
  @IsEnum(DisciplineSubjectType)
  subjectType!: DisciplineSubjectType;

  @Field(() => ID, { nullable: true, description: 'The cadre (every subject type but PARTY_ORGANISATION).' })
  @IsOptional()
  @IsUuid('cadreId')
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'The Party organisation (PARTY_ORGANISATION).' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'The finding it comes from.' })
  @IsOptional()
  @IsUuid('findingId')
  findingId?: string;

  @Field(() => ID, { nullable: true, description: 'The report it comes from.' })
  @IsOptional()
  @IsUuid('reportId')
  reportId?: string;

  @Field({ description: 'Summary of the violation.' })
  @IsText('violationSummary', 5000, 5)
  violationSummary!: string;

  @Field({ description: 'Date of the violation (YYYY-MM-DD), not in the future.' })
  @IsDay('violationDate')
  violationDate!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Date of a new violation by the same subject (YYYY-MM-DD), after violationDate and not in the future; within the period it restarts the statute of limitations.',
  })
  @IsOptional()
  @IsDay('newViolationDate')
  newViolationDate?: string;

  @Field(() => NoLimitationGround, {
    nullable: true,
    description: 'Set when no statute of limitations applies to this violation.',
  })
  @IsOptional()
  @IsEnum(NoLimitationGround)
  noLimitationGround?: NoLimitationGround;
}

@InputType({ description: 'Move a discipline case; each stage needs its own fields (chuyển bước xử lý kỷ luật).' })
export class TransitionDisciplineCaseInput {
  @Field(() => ID, { description: 'The case.' })
  @IsUuid('id')
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is a CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => DisciplineStatus, { description: 'The stage to move to.' })
  @IsEnum(DisciplineStatus)
  to!: DisciplineStatus;

  @Field(() => String, {
    nullable: true,
    description: 'UNDER_REVIEW or PROPOSED: the subject’s self-criticism (required before PROPOSED).',
  })
  @IsOptional()
  @IsText('selfCriticism', 20000)
  selfCriticism?: string;

  @Field(() => String, { nullable: true, description: 'UNDER_REVIEW or PROPOSED: the subject’s explanation.' })
  @IsOptional()
  @IsText('explanation', 20000)
  explanation?: string;

  @Field(() => DisciplineForm, { nullable: true, description: 'PROPOSED: the form proposed.' })
  @IsOptional()
  @IsEnum(DisciplineForm)
  proposedForm?: DisciplineForm;

  @Field(() => DisciplineForm, {
    nullable: true,
    description: 'DECIDED: the form decided; FINAL after an appeal: the form upheld or changed.',
  })
  @IsOptional()
  @IsEnum(DisciplineForm)
  form?: DisciplineForm;

  @Field(() => DecidingBody, {
    nullable: true,
    description:
      'DECIDED (required): the body that decided; it must be one the rule data names for the form and subject type (`decidingBodies`): BAD_USER_INPUT with reason DECIDING_BODY_NOT_ALLOWED otherwise.',
  })
  @IsOptional()
  @IsEnum(DecidingBody)
  decidedBy?: DecidingBody;

  @Field(() => String, {
    nullable: true,
    description: 'DECIDED: the deciding body’s name as written on the decision (default: the Vietnamese name of decidedBy).',
  })
  @IsOptional()
  @IsText('decidingBody', 200)
  decidingBody?: string;

  @Field(() => String, { nullable: true, description: 'DECIDED: decision number.' })
  @IsOptional()
  @IsText('decisionNumber', 60)
  decisionNumber?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'DECIDED: decision date (YYYY-MM-DD): not before the violation, not in the future, within the statute of limitations.',
  })
  @IsOptional()
  @IsDay('decisionDate')
  decisionDate?: string;

  @Field(() => String, { nullable: true, description: 'DECIDED: effective date (YYYY-MM-DD), not before the decision date.' })
  @IsOptional()
  @IsDay('effectiveDate')
  effectiveDate?: string;

  @Field(() => String, {
    nullable: true,
    description: 'APPEALED: the day the appeal was lodged (YYYY-MM-DD), within the appeal window.',
  })
  @IsOptional()
  @IsDay('appealedOn')
  appealedOn?: string;

  @Field(() => String, { nullable: true, description: 'APPEALED or FINAL: the appeal and its outcome.' })
  @IsOptional()
  @IsText('appealNote', 5000)
  appealNote?: string;

  @Field(() => String, { nullable: true, description: 'DROPPED: the reason.' })
  @IsOptional()
  @IsText('reason', 5000)
  reason?: string;

  @Field(() => DeferralReason, { nullable: true, description: 'DEFERRED: the reason the decree lists.' })
  @IsOptional()
  @IsEnum(DeferralReason)
  deferralReason?: DeferralReason;

  @Field(() => String, { nullable: true, description: 'DEFERRED: details.' })
  @IsOptional()
  @IsText('deferralNote', 2000)
  deferralNote?: string;
}

@InputType({ description: 'Record that the other side was notified of a decision (ghi nhận đã thông báo).' })
export class MarkNotificationSentInput {
  @Field(() => ID, { description: 'The notification task.' })
  @IsUuid('id')
  id!: string;

  @Field({ description: 'When it was sent (YYYY-MM-DD).' })
  @IsDay('sentOn')
  sentOn!: string;

  @Field({ description: 'Reference of the notification document.' })
  @IsText('reference', 200)
  reference!: string;
}

@InputType({ description: 'Filters of the discipline case list (lọc danh sách hồ sơ kỷ luật).' })
export class DisciplineCaseFilter {
  @Field(() => [DisciplineStatus], { nullable: true, description: 'Any of these stages.' })
  @IsOptional()
  @IsEnum(DisciplineStatus, { each: true })
  statuses?: DisciplineStatus[];

  @Field(() => [DisciplineSubjectType], { nullable: true, description: 'Any of these subject types.' })
  @IsOptional()
  @IsEnum(DisciplineSubjectType, { each: true })
  subjectTypes?: DisciplineSubjectType[];

  @Field(() => DisciplineSide, { nullable: true, description: 'Party or State discipline.' })
  @IsOptional()
  @IsEnum(DisciplineSide)
  side?: DisciplineSide;

  @Field(() => ID, { nullable: true, description: 'Cases of this cadre.' })
  @IsOptional()
  @IsUuid('cadreId')
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'Cases of this unit or units below it, or of cadres working there.' })
  @IsOptional()
  @IsUuid('unitId')
  unitId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: with a notification to the other side past its due date and unsent.',
  })
  @IsOptional()
  @IsBoolean()
  overdueNotification?: boolean;
}

@ArgsType()
export class DisciplineCasesArgs extends PageArgs {
  @Field(() => DisciplineCaseFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisciplineCaseFilter)
  filter?: DisciplineCaseFilter;
}
