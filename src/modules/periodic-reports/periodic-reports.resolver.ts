import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { PeriodicReportView, PeriodicReportsService } from './periodic-reports.service';
import { PERIODIC_READERS, PERIODIC_RECORD_READERS } from './periodic-reports.service';
import { PeriodicReport, PeriodicReportRecordPage, PeriodicReportTemplate, PeriodInput } from './periodic-reports.types';

@ArgsType()
class PeriodicReportRecordsArgs {
  @Field({ description: 'The template’s code.' })
  @IsString()
  template!: string;

  @Field(() => PeriodInput, { description: 'The period (it must have ended).' })
  @ValidateNested()
  @Type(() => PeriodInput)
  period!: PeriodInput;

  @Field({ description: 'The figure’s code, as in PeriodicReportRow.figure.' })
  @Matches(/^[A-Za-z0-9_.]{1,100}$/, { message: 'figure must be a figure code such as reports.received' })
  figure!: string;

  @Field(() => ID, { nullable: true, description: 'Only records of this unit’s subtree (as periodicReport’s unitId).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field({ defaultValue: false, description: 'true: the records of the same period last year.' })
  previous!: boolean;

  @Field(() => ID, { nullable: true, description: 'For a grouped line: its groupKey.' })
  @IsOptional()
  @IsUUID('all', { message: 'groupKey must be a UUID' })
  groupKey?: string | null;

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

/** The GraphQL shape of a computed report. */
export const reportOut = (v: PeriodicReportView) => ({
  template: v.template.code,
  templateVersion: v.template.id,
  title: `${v.template.title} ${v.template.subtitle} ${v.periodLabel}`,
  basis: v.template.basis,
  unsure: v.template.unsure,
  periodKind: v.period.kind,
  periodLabel: v.periodLabel,
  from: v.period.from,
  to: v.period.to,
  previousFrom: v.previousPeriod.from,
  previousTo: v.previousPeriod.to,
  unitId: v.unitId,
  preparedOn: v.preparedOn,
  tables: v.tables,
});

@Resolver()
export class PeriodicReportsResolver {
  constructor(private readonly service: PeriodicReportsService) {}

  @Allow(...PERIODIC_READERS)
  @Query(() => [PeriodicReportTemplate], { description: 'The periodic report templates in force today (kept as dated data).' })
  periodicReportTemplates(): PeriodicReportTemplate[] {
    const today = this.service.today();
    return this.service.templates
      .filter((t) => t.effectiveFrom <= today && (t.effectiveTo === null || t.effectiveTo >= today))
      .map((t) => ({
        code: t.code,
        version: t.id,
        title: `${t.title} ${t.subtitle}`,
        basis: t.basis,
        effectiveFrom: t.effectiveFrom,
      }));
  }

  @Allow(...PERIODIC_READERS)
  @Query(() => PeriodicReport, {
    description:
      'A periodic report (báo cáo định kỳ) for a period that has ended: the template’s tables, each figure beside the same period last year, within a unit’s subtree (default: everything; a UNIT_HEAD its own). Figures count every record; the records behind each: periodicReportRecords. As a file: GET /exports/periodic-reports/{template}.xlsx or .pdf. Refused: a period not yet ended (reason PERIOD_NOT_ENDED), an unknown template (UNKNOWN_TEMPLATE).',
  })
  async periodicReport(
    @Arg('template', { description: 'The template’s code (periodicReportTemplates).' }) template: string,
    @Arg('period', () => PeriodInput, { description: 'The period.' }) period: PeriodInput,
    @Arg('unitId', () => ID, { nullable: true, description: 'Scope: this unit and the units below.' }) unitId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return reportOut(await this.service.periodicReport(ctx, template, period.kind, period.year, period.number, unitId ?? null));
  }

  @Allow(...PERIODIC_RECORD_READERS)
  @Query(() => PeriodicReportRecordPage, {
    description:
      'The records a periodic report’s figure counts, by id, paged, without those the caller is involved in (recusal; the figure itself counts them). The two committees only.',
  })
  async periodicReportRecords(@Args() args: PeriodicReportRecordsArgs, @Ctx() ctx: RequestContext) {
    const page = await this.service.records(ctx, {
      template: args.template,
      kind: args.period.kind,
      year: args.period.year,
      number: args.period.number,
      unitId: args.unitId ?? null,
      figure: args.figure,
      previous: args.previous,
      groupKey: args.groupKey ?? null,
      first: args.first,
      after: args.after ?? null,
    });
    return {
      nodes: page.nodes,
      totalCount: page.totalCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: !!args.after,
        startCursor: page.nodes[0]?.id ?? null,
        endCursor: page.endCursor,
      },
    };
  }
}
