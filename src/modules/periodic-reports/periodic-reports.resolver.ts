import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { keysetPage } from '../../graphql/keyset-page';
import { PageArgs } from '../../graphql/page-args';
import { periodLabel, periodOf, type PeriodKind } from './period';
import { PeriodicReportDraft } from './periodic-report-draft.entity';
import type { PeriodicReportView, PeriodicReportsService } from './periodic-reports.service';
import { PERIODIC_READERS, PERIODIC_RECORD_READERS } from './periodic-reports.service';
import {
  PeriodicReport,
  PeriodicReportDraftConnection,
  type PeriodicReportDraftNode,
  PeriodicReportRecordPage,
  PeriodicReportTemplate,
  PeriodInput,
} from './periodic-reports.types';

@ArgsType()
class PeriodicReportDraftsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only the drafts of this template (its code); null: every template.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  template?: string | null;
}

/** A draft row as the list shows it (its figures are read again by periodicReport). */
const draftOut = (d: PeriodicReportDraft): PeriodicReportDraftNode => {
  const period = periodOf(d.periodKind as PeriodKind, d.year, d.number || null);
  return {
    id: d.id,
    template: d.templateCode,
    templateVersion: d.templateVersion,
    periodKind: period.kind,
    year: d.year,
    number: d.number || null,
    periodLabel: periodLabel(period),
    from: d.periodFrom,
    to: d.periodTo,
    preparedAt: d.preparedAt,
    unitId: null,
  };
};

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
  constructor(
    private readonly service: PeriodicReportsService,
    private readonly cursors: CursorCodec,
  ) {}

  @Allow(...PERIODIC_READERS)
  @Query(() => PeriodicReportDraftConnection, {
    description:
      'The periodic report drafts (bản dự thảo báo cáo định kỳ) the scheduled job prepared, one per template and ended period, newest first: template, period and when it was prepared. Open one with periodicReport(template, period). Read by whoever reads periodic reports.',
  })
  async periodicReportDrafts(
    @Args() args: PeriodicReportDraftsArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<PeriodicReportDraftConnection> {
    const q = ctx.manager.createQueryBuilder(PeriodicReportDraft, 'd');
    if (args.template) q.andWhere('d.template_code = :template', { template: args.template });
    const page = await keysetPage(q, 'd', 'prepared_at', args, this.cursors);
    return Object.assign(new PeriodicReportDraftConnection(), {
      edges: page.edges.map((e) => ({
        node: draftOut(e.node),
        get cursor() {
          return e.cursor;
        },
      })),
      pageInfo: page.pageInfo,
      countTotal: page.countTotal,
    });
  }

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
