import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageInfo } from '../../graphql/page-info';
import { PeriodicRecordKind } from './figures';
import { PeriodKind } from './period';

@InputType({ description: 'A reporting period (kỳ báo cáo): a month, a quarter, the first 6 or 9 months, or a year.' })
export class PeriodInput {
  @Field(() => PeriodKind, { description: 'Month, quarter, six months, nine months or year.' })
  @IsEnum(PeriodKind)
  kind!: PeriodKind;

  @Field(() => Int, { description: 'Year (from 2025, when the ward was created).' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) for MONTH, quarter (1-4) for QUARTER; ignored otherwise.' })
  @IsOptional()
  @IsInt()
  number?: number | null;
}

@ObjectType({
  description:
    'One line of a periodic report’s table: a figure for the period and for the same period last year, or a heading (dòng của báo cáo định kỳ).',
})
export class PeriodicReportRow {
  @Field({ description: 'The line’s words, in Vietnamese.' })
  label!: string;

  @Field(() => Int, { description: 'Indentation: 0 a main line, 1 "of which" (trong đó), 2 a breakdown under a heading.' })
  level!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The figure’s code (e.g. reports.received.kind.COMPLAINT): pass it to periodicReportRecords for the records behind it. Null for a heading.',
  })
  figure!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For a line of a grouped figure: the group (the receiving cadre’s id); pass it as groupKey.',
  })
  groupKey!: string | null;

  @Field(() => Int, { nullable: true, description: 'The figure in the period (kỳ này); null for a heading.' })
  current!: number | null;

  @Field(() => Int, { nullable: true, description: 'The figure in the same period last year (cùng kỳ năm trước).' })
  previous!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Change against last year, percent, one decimal (tăng, giảm); null when last year’s figure is 0.',
  })
  change!: number | null;
}

@ObjectType({ description: 'One table (mục) of a periodic report.' })
export class PeriodicReportTable {
  @Field({ description: 'Its number in the report (I, II, …).' })
  key!: string;

  @Field({ description: 'Its title, in Vietnamese.' })
  title!: string;

  @Field(() => [PeriodicReportRow], { description: 'Its lines, in the template’s order.' })
  rows!: PeriodicReportRow[];
}

@ObjectType({
  description: 'A periodic report (báo cáo định kỳ, Kết luận 215-KL/TW) computed from a template kept as dated data.',
})
export class PeriodicReport {
  @Field({ description: 'The template’s code (e.g. CITIZEN_RECEPTION_AND_REPORTS).' })
  template!: string;

  @Field({ description: 'The template version in force on the period’s last day.' })
  templateVersion!: string;

  @Field({ description: 'The report’s title and subject, in Vietnamese.' })
  title!: string;

  @Field({ description: 'The legal basis of the template.' })
  basis!: string;

  @Field({ description: 'The layout is our reading, to be confirmed by the Party Committee Office.' })
  unsure!: boolean;

  @Field(() => PeriodKind, { description: 'The period’s kind.' })
  periodKind!: PeriodKind;

  @Field({ description: 'The period in Vietnamese ("quý III năm 2026").' })
  periodLabel!: string;

  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from!: string;

  @Field({ description: 'Last day of the period (YYYY-MM-DD).' })
  to!: string;

  @Field({ description: 'First day of the same period last year.' })
  previousFrom!: string;

  @Field({ description: 'Last day of the same period last year.' })
  previousTo!: string;

  @Field(() => ID, { nullable: true, description: 'The unit whose subtree is counted; null: everything.' })
  unitId!: string | null;

  @Field({ description: 'The day the figures were read (YYYY-MM-DD, Vietnam).' })
  preparedOn!: string;

  @Field(() => [PeriodicReportTable], { description: 'The tables.' })
  tables!: PeriodicReportTable[];
}

@ObjectType({ description: 'A record a periodic report’s figure counts (hồ sơ được tính trong báo cáo định kỳ).' })
export class PeriodicReportRecord {
  @Field(() => PeriodicRecordKind, { description: 'What the record is.' })
  kind!: PeriodicRecordKind;

  @Field(() => ID, { description: 'Its id (read it through the query of its kind).' })
  id!: string;

  @Field({ description: 'What it is, in Vietnamese, without personal data (kind, field, dates).' })
  label!: string;
}

@ObjectType({ description: 'A page of the records behind a periodic report’s figure, by id (danh sách hồ sơ được tính).' })
export class PeriodicReportRecordPage {
  @Field(() => [PeriodicReportRecord], { description: 'The records.' })
  nodes!: PeriodicReportRecord[];

  @Field(() => Int, {
    description:
      'Records in all pages: the figure, less the records the caller is involved in (recusal hides them from the list, not from the figure).',
  })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Where this page stands: pass `endCursor` as `after` while `hasNextPage`.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A periodic report template (mẫu báo cáo định kỳ) in force today.' })
export class PeriodicReportTemplate {
  @Field({ description: 'Code, for periodicReport(template:).' })
  code!: string;

  @Field({ description: 'The version in force.' })
  version!: string;

  @Field({ description: 'Title and subject.' })
  title!: string;

  @Field({ description: 'Legal basis.' })
  basis!: string;

  @Field({ description: 'First day the version is in force.' })
  effectiveFrom!: string;
}

@ObjectType({
  description:
    'A periodic report’s draft (bản dự thảo báo cáo định kỳ), prepared by the scheduled job the day after its period ended. Open it with periodicReport(template, period) for its figures, read today.',
})
export class PeriodicReportDraftNode {
  @Field(() => ID, { description: 'The draft’s id.' })
  id!: string;

  @Field({ description: 'The template’s code (mẫu báo cáo), as periodicReport(template:) takes it.' })
  template!: string;

  @Field({ description: 'The template version the draft followed (in force on the period’s last day).' })
  templateVersion!: string;

  @Field(() => PeriodKind, { description: 'The period’s kind (kỳ báo cáo).' })
  periodKind!: PeriodKind;

  @Field(() => Int, { description: 'The period’s year.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month (1-12) or quarter (1-4); null for the other kinds.' })
  number!: number | null;

  @Field({ description: 'The period in Vietnamese ("quý IV năm 2026").' })
  periodLabel!: string;

  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from!: string;

  @Field({ description: 'Last day of the period (YYYY-MM-DD).' })
  to!: string;

  @Field({ description: 'When the job prepared it (ngày lập dự thảo).' })
  preparedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The unit whose subtree it counts; null: the whole ward (the job prepares drafts without a scope).',
  })
  unitId!: string | null;
}

@ObjectType({ description: 'One draft in a page of periodic report drafts (một bản dự thảo báo cáo định kỳ).' })
export class PeriodicReportDraftEdge {
  @Field({ description: 'Opaque cursor of this draft: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => PeriodicReportDraftNode, { description: 'The draft.' })
  node!: PeriodicReportDraftNode;
}

@ObjectType({ description: 'A page of periodic report drafts (bản dự thảo báo cáo định kỳ), newest first (Relay connection).' })
export class PeriodicReportDraftConnection {
  @Field(() => [PeriodicReportDraftEdge], { description: 'The drafts of this page.' })
  edges!: PeriodicReportDraftEdge[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;

  countTotal!: () => Promise<number>;

  @Field(() => Int, { description: 'Drafts matching the filter in all pages.' })
  totalCount(): Promise<number> {
    return this.countTotal();
  }
}
