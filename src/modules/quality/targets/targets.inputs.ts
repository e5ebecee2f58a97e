import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { TargetCode } from '../quality.enums';
import { IsUuid, IsYear } from '../quality.validation';

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

  @Field(() => String, {
    nullable: true,
    description: 'Only the records of one part of the target (TargetPart.key); null: the headline figure’s records.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  part?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only the records one breakdown row counts (dòng theo khối / theo đơn vị; TargetBreakdownRow.key): a body (NONE for the ward Party committee itself) or a unit id, that unit’s own records without the units below it, as the row counts them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  row?: string | null;

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
