import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/page-info';
import { Cadre } from '../cadres/cadre.entity';
import { CadreFieldChange } from '../cadres/cadres.types';
import { Body } from '../units/unit.enums';
import { StandardRequirement, TargetCode, TargetComparison, TargetRecordKind } from './quality.enums';
import { SatisfactionGroupBy } from './satisfaction.service';
import { TrainingPlan } from './training.entity';

registerEnumType(SatisfactionGroupBy, {
  name: 'SatisfactionGroupBy',
  description: 'How the satisfaction index is grouped.',
  valuesConfig: {
    BODY: { description: 'By body (cơ quan Đảng, Mặt trận, chính quyền).' },
    UNIT: { description: 'By handling unit, worst first.' },
    CADRE: { description: 'By handling cadre, worst average first.' },
  },
});

@ObjectType({ description: 'One requirement of the post standard the cadre does not meet.' })
export class StandardGap {
  @Field(() => StandardRequirement, { description: 'Which requirement.' })
  requirement!: StandardRequirement;

  @Field({ description: 'What the standard requires (an enum value of Qualification, PoliticalTheory or TrainingCategory).' })
  required!: string;

  @Field(() => String, { nullable: true, description: 'What the record holds (null for a missing training).' })
  actual!: string | null;

  @Field({ description: 'The gap in Vietnamese.' })
  message!: string;
}

@ObjectType({ description: 'A unit’s training plan with progress.' })
export class TrainingPlanProgressView {
  @Field(() => TrainingPlan, { description: 'The plan.' })
  plan!: TrainingPlan;

  @Field(() => Int, { description: 'Cadres of the unit and the units below who passed a course of the category in the year.' })
  trained!: number;
}

@ObjectType({ description: 'Cadres not yet trained in a category this year.' })
export class UntrainedCadres {
  @Field(() => Int, { description: 'How many in all.' })
  totalCount!: number;

  @Field(() => [Cadre], { description: 'The first of them, by name.' })
  cadres!: Cadre[];
}

@ObjectType({ description: 'Citizen satisfaction with a cadre’s handling of procedures in a year.' })
export class CitizenSatisfactionView {
  @Field(() => Int, { description: 'Survey answers.' })
  answers!: number;

  @Field(() => Float, { nullable: true, description: 'Average score on the 1-5 scale.' })
  averageScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of answers at 4 or 5, percent.' })
  satisfiedPercent!: number | null;
}

@ObjectType({ description: 'One row of the satisfaction index.' })
export class SatisfactionIndexRowView {
  @Field({ description: 'The body (enum value), unit id or cadre id.' })
  key!: string;

  @Field({ description: 'Display name.' })
  label!: string;

  @Field(() => Body, { nullable: true, description: 'The body.' })
  body!: Body | null;

  @Field(() => Float, { nullable: true, description: 'Completed procedures (not for CADRE).' })
  procedures!: number | null;

  @Field(() => Float, { nullable: true, description: 'Completed procedures surveyed (not for CADRE).' })
  surveyed!: number | null;

  @Field(() => Float, { nullable: true, description: 'surveyed / procedures, percent (target 7).' })
  coveragePercent!: number | null;

  @Field(() => Float, { description: 'Survey answers.' })
  answers!: number;

  @Field(() => Float, { nullable: true, description: 'Average score.' })
  averageScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share satisfied (4-5), percent: the satisfaction index.' })
  satisfiedPercent!: number | null;
}

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

@ObjectType({ description: 'The succession-planning pool 2025-2030 (quy hoạch) and its shares.' })
export class PlanningPool {
  @Field(() => Int, { description: 'Current cadres in the pool within the filter.' })
  total!: number;

  @Field(() => [Cadre], { description: 'The first of them, by name.' })
  cadres!: Cadre[];

  @Field(() => Float, { nullable: true, description: 'Share under youngUnderAge, percent.' })
  youngPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of women, percent.' })
  womenPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share with a master’s or doctorate, percent.' })
  postgraduatePercent!: number | null;

  @Field(() => Int, { description: 'Age limit of "young" in the rule data.' })
  youngUnderAge!: number;
}

@ObjectType({ description: 'A rotation (luân chuyển) from the register’s history.' })
export class Rotation {
  @Field(() => ID, { description: 'History entry sequence number.' })
  id!: string;

  @Field(() => Cadre, { nullable: true, description: 'The cadre rotated.' })
  cadre!: Cadre | null;

  @Field({ description: 'When.' })
  at!: Date;

  @Field(() => [CadreFieldChange], { description: 'Unit and post before and after.' })
  changes!: CadreFieldChange[];

  @Field(() => String, { nullable: true, description: 'Decision or reason.' })
  note!: string | null;
}
