import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Body, UnitKind } from './unit.enums';

/** Most units one `units` call returns. */
export const MAX_UNITS = 500;

@InputType({ description: 'Which units (cơ quan, đơn vị) to list. Omitted fields do not filter.' })
export class UnitFilter {
  @Field(() => Body, { nullable: true, description: 'Only units of this body.' })
  @IsOptional()
  @IsEnum(Body)
  body?: Body;

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  @IsOptional()
  @IsEnum(UnitKind)
  kind?: UnitKind;

  @Field(() => ID, { nullable: true, description: 'Only this unit and its descendants.' })
  @IsOptional()
  @IsUUID('all', { message: 'withinUnitId must be a UUID' })
  withinUnitId?: string;
}

@ArgsType()
export class UnitsArgs {
  @Field(() => UnitFilter, { nullable: true, description: 'Which units; all visible units when omitted.' })
  @IsOptional()
  @ValidateNested()
  filter?: UnitFilter;

  @Field(() => Int, { defaultValue: 100, description: `How many units at most, 1 to ${MAX_UNITS}; in tree order (by path).` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_UNITS}` })
  @Max(MAX_UNITS, { message: `first must be between 1 and ${MAX_UNITS}` })
  first!: number;
}

@ArgsType()
export class UnitIdArgs {
  @Field(() => ID, { description: 'The unit’s id (UUID).' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
