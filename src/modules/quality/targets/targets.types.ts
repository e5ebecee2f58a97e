import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../graphql/page-info';
import { Body } from '../../units/unit.enums';
import { TargetCode, TargetComparison, TargetRecordKind } from '../quality.enums';

@ObjectType({ description: 'One part of a target with several measures.' })
export class TargetPart {
  @Field({ description: 'What is measured, in Vietnamese.' })
  label!: string;

  @Field(() => Float, { nullable: true, description: 'Percent; null when nothing to count.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records.' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator.' })
  denominator!: number;
}

@ObjectType({ description: 'The value of a target in one year.' })
export class TargetTrendPoint {
  @Field(() => Int, { description: 'Year.' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Percent; null when nothing to count.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records.' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator.' })
  denominator!: number;

  @Field(() => Boolean, { nullable: true, description: 'Whether that year’s value meets the target.' })
  met!: boolean | null;
}

@ObjectType({ description: 'A target’s figure for one body or unit.' })
export class TargetBreakdownRow {
  @Field({ description: 'The body (enum value, NONE for the ward Party committee itself) or the unit id.' })
  key!: string;

  @Field({ description: 'Name in Vietnamese.' })
  label!: string;

  @Field(() => Body, { nullable: true, description: 'The body.' })
  body!: Body | null;

  @Field(() => Float, { nullable: true, description: 'Percent.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records.' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator.' })
  denominator!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Target value for this row (its own 2025 baseline for targets without a level).',
  })
  target!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Met or not.' })
  met!: boolean | null;
}

@ObjectType({ description: 'One of the seven 2030 targets of the resolution, measured for a year (chỉ tiêu).' })
export class TargetEntry {
  @Field(() => TargetCode, { description: 'Which target.' })
  code!: TargetCode;

  @Field(() => Int, { description: 'Its number in the resolution (1-7).' })
  number!: number;

  @Field({ description: 'Its text in Vietnamese.' })
  text!: string;

  @Field(() => Int, { description: 'Year measured.' })
  year!: number;

  @Field(() => TargetComparison, { description: 'How value and target compare.' })
  comparison!: TargetComparison;

  @Field(() => Float, { nullable: true, description: 'Measured value, percent; null when nothing to count.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records (targetRecords with counted: true lists them).' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator (targetRecords lists them).' })
  denominator!: number;

  @Field(() => Float, { nullable: true, description: 'Target value, percent: the resolution’s level, or the 2025 baseline.' })
  target!: number | null;

  @Field(() => Int, { description: 'Baseline year (2025, the first of the term).' })
  baselineYear!: number;

  @Field(() => Boolean, { nullable: true, description: 'Met or not; null when there is nothing to measure.' })
  met!: boolean | null;

  @Field(() => [TargetPart], { description: 'The measures of a target with several parts (2, 3, 5, 7); empty otherwise.' })
  parts!: TargetPart[];

  @Field(() => [TargetTrendPoint], { description: 'The value each year from 2025 to the year measured.' })
  trend!: TargetTrendPoint[];

  @Field(() => [TargetBreakdownRow], { description: 'By body.' })
  byBody!: TargetBreakdownRow[];

  @Field(() => [TargetBreakdownRow], {
    description: 'By unit (the cadre’s own unit, or the handling unit for target 7), worst first, at most unitsFirst.',
  })
  byUnit!: TargetBreakdownRow[];

  @Field(() => Int, { description: 'Units with something to count, in all.' })
  unitCount!: number;
}

@ObjectType({ description: 'A record a target counts.' })
export class TargetRecord {
  @Field(() => TargetRecordKind, { description: 'Cadre or completed procedure.' })
  kind!: TargetRecordKind;

  @Field(() => ID, { description: 'The cadre’s or the procedure case’s id.' })
  id!: string;

  @Field({ description: 'Name of the cadre, or receipt number and procedure.' })
  label!: string;

  @Field(() => ID, { description: 'The unit.' })
  unitId!: string;

  @Field({ description: 'Counted in the numerator (meets the target).' })
  counted!: boolean;

  @Field(() => [String], {
    description: 'What was found (e.g. YOUNG, FEMALE, POSTGRADUATE for target 3; the rating for target 2).',
  })
  flags!: string[];
}

@ObjectType({ description: 'A page of the records behind a target’s figure, by id.' })
export class TargetRecordPage {
  @Field(() => [TargetRecord], { description: 'The records.' })
  nodes!: TargetRecord[];

  @Field(() => Int, { description: 'Records in all pages.' })
  totalCount!: number;

  @Field({ description: 'Whether another page follows.', deprecationReason: 'Use pageInfo.hasNextPage, as on every other list.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page.',
    deprecationReason: 'Use pageInfo.endCursor, as on every other list.',
  })
  endCursor!: string | null;

  @Field(() => PageInfo, { description: 'Where this page stands: pass `endCursor` as `after` while `hasNextPage`.' })
  pageInfo!: PageInfo;
}
