import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/page-args';
import { VersionedInput } from '../../graphql/versioned.input';
import { IsDay, IsText } from '../../common/validators';
import { CommendationForm, CommendationLevel } from './commendation.entity';

@InputType({ description: 'A commendation of a cadre or a unit (exactly one of cadreId, unitId) (ghi nhận khen thưởng).' })
export class RecordCommendationInput {
  @Field(() => ID, { nullable: true, description: 'The cadre.' })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId phải là một UUID' })
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'The unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId phải là một UUID' })
  unitId?: string;

  @Field(() => CommendationForm, { description: 'Form.' })
  @IsEnum(CommendationForm)
  form!: CommendationForm;

  @Field(() => CommendationLevel, { description: 'Level.' })
  @IsEnum(CommendationLevel)
  level!: CommendationLevel;

  @Field({ description: 'Decision number.' })
  @IsText('decisionNumber', 60)
  decisionNumber!: string;

  @Field({ description: 'Decision date (YYYY-MM-DD), not in the future.' })
  @IsDay('decisionDate')
  decisionDate!: string;

  @Field({ description: 'Issuing body.' })
  @IsText('issuingBody', 200)
  issuingBody!: string;

  @Field({ description: 'Why.' })
  @IsText('reason', 5000, 5)
  reason!: string;
}

@InputType({ description: 'A change to a commendation: the fields given are replaced, the others kept (sửa khen thưởng).' })
export class UpdateCommendationInput extends VersionedInput {
  @Field(() => CommendationForm, { nullable: true, description: 'Form.' })
  @IsOptional()
  @IsEnum(CommendationForm)
  form?: CommendationForm;

  @Field(() => CommendationLevel, { nullable: true, description: 'Level.' })
  @IsOptional()
  @IsEnum(CommendationLevel)
  level?: CommendationLevel;

  @Field({ nullable: true, description: 'Decision number.' })
  @IsOptional()
  @IsText('decisionNumber', 60)
  decisionNumber?: string;

  @Field({ nullable: true, description: 'Decision date (YYYY-MM-DD), not in the future.' })
  @IsOptional()
  @IsDay('decisionDate')
  decisionDate?: string;

  @Field({ nullable: true, description: 'Issuing body.' })
  @IsOptional()
  @IsText('issuingBody', 200)
  issuingBody?: string;

  @Field({ nullable: true, description: 'Why.' })
  @IsOptional()
  @IsText('reason', 5000, 5)
  reason?: string;
}

@InputType({ description: 'Filters of the commendation list; all given ones must hold (lọc danh sách khen thưởng).' })
export class CommendationFilter {
  @Field(() => ID, { nullable: true, description: 'Commendations of this cadre.' })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId phải là một UUID' })
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'Commendations of this unit (the unit itself).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId phải là một UUID' })
  unitId?: string;

  @Field(() => CommendationForm, { nullable: true, description: 'Of this form.' })
  @IsOptional()
  @IsEnum(CommendationForm)
  form?: CommendationForm;

  @Field(() => CommendationLevel, { nullable: true, description: 'Of this level.' })
  @IsOptional()
  @IsEnum(CommendationLevel)
  level?: CommendationLevel;

  @Field({ nullable: true, description: 'Decided on or after this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('decidedFrom')
  decidedFrom?: string;

  @Field({ nullable: true, description: 'Decided on or before this day (YYYY-MM-DD).' })
  @IsOptional()
  @IsDay('decidedTo')
  decidedTo?: string;
}

@ArgsType()
export class CommendationsArgs extends PageArgs {
  @Field(() => CommendationFilter, { nullable: true, description: 'Filters.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommendationFilter)
  filter?: CommendationFilter;
}
