import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsDay, IsText } from '../inspections/inspections.inputs';
import { CommendationForm, CommendationLevel } from './commendation.entity';

@InputType({ description: 'A commendation of a cadre or a unit (exactly one of cadreId, unitId).' })
export class RecordCommendationInput {
  @Field(() => ID, { nullable: true, description: 'The cadre.' })
  @IsOptional()
  @IsUUID('all', { message: 'cadreId must be a UUID' })
  cadreId?: string;

  @Field(() => ID, { nullable: true, description: 'The unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
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
