import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ReportTimelineEntry } from './report-timeline.entity';
import { Report } from './report.entity';

/** The handler of the report reads its texts as written; everyone else the copies without the reporter's identifying data. */
export const readsUnredacted = (ctx: RequestContext, report: Pick<Report, 'handlerId'>): boolean =>
  !!report.handlerId && report.handlerId === ctx.account?.id;

/** The free texts of a report, as the caller may read them (issue 21, item 4). */
@Resolver(() => Report)
export class ReportRedactionResolver {
  @FieldResolver(() => String, {
    description:
      'Short title. The handling committee member sees it as written; everyone else without the reporter’s identifying data.',
  })
  title(@Root() report: Report, @Ctx() ctx: RequestContext): string {
    return readsUnredacted(ctx, report) ? report.title : report.titleRedacted;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who or what it concerns, in the reporter’s words, when no cadre or unit could be named; redacted as `title` is.',
  })
  concernedText(@Root() report: Report, @Ctx() ctx: RequestContext): string | null {
    return readsUnredacted(ctx, report) ? report.concernedText : report.concernedTextRedacted;
  }
}

@Resolver(() => ReportTimelineEntry)
export class TimelineRedactionResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Note, reason or message (the reporter’s messages and the questions to them included). The handling committee member sees it as written; everyone else without the reporter’s identifying data.',
  })
  async note(@Root() entry: ReportTimelineEntry, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (entry.note === null) return null;
    const report = await ctx.loaders.reportById.load(entry.reportId);
    return report && readsUnredacted(ctx, report) ? entry.note : entry.noteRedacted;
  }
}
