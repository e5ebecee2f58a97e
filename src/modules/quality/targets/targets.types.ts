import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../graphql/page-info';
import { Body } from '../../units/unit.enums';
import { TargetCode, TargetComparison, TargetRecordKind, TargetVerdict } from '../quality.enums';

@ObjectType({
  description:
    'One part of a target, judged on its own (phần của chỉ tiêu): what the resolution names, what the system counts for it, its value, its level and its 2025 value.',
})
export class TargetPart {
  @Field({
    description:
      'Stable key of the part: STANDARD; WELL_OR_BETTER, EXCELLENT; YOUNG, FEMALE, POSTGRADUATE; NO_CORRUPTION, NOT_DISTANT, NOT_STAGNANT, RESPONSIBLE, CAPABLE, PRESTIGE; GOVERNANCE_AND_DIGITAL, CITIZEN_RECEPTION; SOFTWARE; SURVEYED, SATISFIED. Pass it to targetRecords(part:).',
  })
  key!: string;

  @Field({ description: 'What the resolution names, in Vietnamese.' })
  label!: string;

  @Field({ description: 'What the system counts for it, in Vietnamese (thước đo); the screen shows it beside the figure.' })
  measure!: string;

  @Field({
    description:
      'True when the count stands in for what the resolution names without measuring it directly (a proxy, e.g. “không tham nhũng” counted as no discipline decided in the year).',
  })
  proxy!: boolean;

  @Field({
    description: 'Whether the part counts in the verdict (false: shown for reference, the resolution sets no level for it).',
  })
  judged!: boolean;

  @Field(() => TargetComparison, { description: 'How value and target compare.' })
  comparison!: TargetComparison;

  @Field(() => Float, { nullable: true, description: 'Percent; null when nothing to count.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records.' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator.' })
  denominator!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'The level to reach, percent: the resolution’s, the 2025 value for a share that must rise, or for EXCELLENT 20% or the lower ceiling the 20% quota rule allows; null when not judged or nothing to compare.',
  })
  target!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the level is what it is, in Vietnamese, when it is not the resolution’s own (the quota’s ceiling).',
  })
  targetNote!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Met or not; null when not judged or nothing to count.' })
  met!: boolean | null;

  @Field(() => Int, { description: 'The year of the comparison value (2025).' })
  baselineYear!: number;

  @Field(() => Float, { nullable: true, description: 'The same part’s value in 2025, percent, in the same scope.' })
  baselineValue!: number | null;

  @Field(() => Float, { description: 'Counted records in 2025.' })
  baselineNumerator!: number;

  @Field(() => Float, { description: 'Records in the denominator in 2025.' })
  baselineDenominator!: number;
}

@ObjectType({
  description:
    'What the resolution states of the ward’s cadres in 2025 beside what the register counts (số liệu Nghị quyết nêu): its total says 131, its parts add up to 130.',
})
export class ResolutionStatedCount {
  @Field(() => Int, { description: 'The year the resolution describes (2025).' })
  year!: number;

  @Field(() => Int, { description: 'Cadres and civil servants, as the resolution’s total states (131).' })
  statedCadres!: number;

  @Field(() => Int, { description: 'Leaders/managers, as the resolution states (30).' })
  statedManagers!: number;

  @Field(() => Int, { description: 'The sum of the resolution’s own parts by body (20 + 16 + 94 = 130).' })
  partsSum!: number;

  @Field(() => Int, { description: 'Cadres the register counts in that year.' })
  countedCadres!: number;

  @Field(() => Int, { description: 'Leaders/managers the register counts in that year.' })
  countedManagers!: number;

  @Field({ description: 'The explanation, in Vietnamese.' })
  note!: string;
}

@ObjectType({ description: 'The value of a target in one year (diễn biến theo năm).' })
export class TargetTrendPoint {
  @Field(() => Int, { description: 'Year.' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Percent; null when nothing to count.' })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records.' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator.' })
  denominator!: number;

  @Field(() => Boolean, { nullable: true, description: 'Whether that year meets the target on every part (verdict MET).' })
  met!: boolean | null;

  @Field(() => TargetVerdict, {
    nullable: true,
    description: 'That year’s verdict, judged on each part; null when nothing to count.',
  })
  verdict!: TargetVerdict | null;
}

@ObjectType({ description: 'A target’s figure for one body or unit (dòng theo khối, theo đơn vị).' })
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

  @Field(() => Boolean, { nullable: true, description: 'Met on every part (verdict MET), for this row’s own figures.' })
  met!: boolean | null;

  @Field(() => TargetVerdict, {
    nullable: true,
    description: 'This row’s verdict, each part judged on the row’s own figures and 2025 values.',
  })
  verdict!: TargetVerdict | null;
}

@ObjectType({ description: 'One of the seven 2030 targets of the resolution, measured for a year (chỉ tiêu).' })
export class TargetEntry {
  @Field(() => TargetCode, { description: 'Which target.' })
  code!: TargetCode;

  @Field(() => Int, { description: 'Its number in the resolution (1-7).' })
  number!: number;

  @Field({ description: 'A short title for a card, in Vietnamese.' })
  title!: string;

  @Field({ description: 'Its text, quoted verbatim from section II.3 of the resolution.' })
  text!: string;

  @Field(() => Int, { description: 'Year measured.' })
  year!: number;

  @Field(() => TargetComparison, { description: 'How value and target compare.' })
  comparison!: TargetComparison;

  @Field(() => Float, {
    nullable: true,
    description:
      'Headline value, percent, for the trend and the breakdown bars (target 3: the mean of its three shares; 4: cadres meeting all of “3 không”); null when nothing to count. The verdict is by parts.',
  })
  value!: number | null;

  @Field(() => Float, { description: 'Counted records (targetRecords with counted: true lists them).' })
  numerator!: number;

  @Field(() => Float, { description: 'Records in the denominator (targetRecords lists them).' })
  denominator!: number;

  @Field(() => Float, { nullable: true, description: 'Target value, percent: the resolution’s level, or the 2025 baseline.' })
  target!: number | null;

  @Field(() => Int, { description: 'Baseline year (2025, the first of the term).' })
  baselineYear!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Met on every part (verdict MET); null when there is nothing to measure.',
  })
  met!: boolean | null;

  @Field(() => TargetVerdict, {
    nullable: true,
    description: 'Đạt, Đạt một phần or Chưa đạt: the target judged on each of its parts; null when nothing to count.',
  })
  verdict!: TargetVerdict | null;

  @Field(() => [TargetPart], {
    description: 'Every part the target is judged on (one for targets 1 and 6), each with its measure, level and 2025 value.',
  })
  parts!: TargetPart[];

  @Field(() => ResolutionStatedCount, {
    nullable: true,
    description:
      'For the targets counted on the ward’s cadres, read for the whole ward the resolution is about: the 2025 figures it states beside the register’s count; null otherwise.',
  })
  resolutionStates!: ResolutionStatedCount | null;

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

@ObjectType({ description: 'A record a target counts (hồ sơ được tính).' })
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

@ObjectType({ description: 'A page of the records behind a target’s figure, by id (danh sách hồ sơ được tính).' })
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
