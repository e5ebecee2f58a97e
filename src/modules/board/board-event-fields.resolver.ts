import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BoardEvent, BoardEventType } from './board-event.types';
import type { RequestContext } from '../../graphql/context';
import type { Cadre } from '../cadres/cadre.entity';
import { isInvolved, RecusableType } from '../recusal/recusal.policy';
import { readsUnredacted } from '../reports/report-redaction.resolver';
import type { Unit } from '../units/unit.entity';
import { eventLine, type EventSubject } from './board-event-lines';
import { PresenceEntry } from './presence.resolver';
import { PresenceSubjectType } from './presence.entity';

/** At most this many concerned people named on one line; the rest are counted. */
const NAMED = 3;

const names = (cadres: ReadonlyArray<Cadre | null | Error>, units: ReadonlyArray<Unit | null | Error>): string | null => {
  const all = [
    ...cadres.flatMap((c) => (c && !(c instanceof Error) ? [`đồng chí ${c.fullName}`] : [])),
    ...units.flatMap((u) => (u && !(u instanceof Error) ? [u.name] : [])),
  ];
  if (!all.length) return null;
  return all.length > NAMED ? `${all.slice(0, NAMED).join(', ')} và ${all.length - NAMED} người, đơn vị khác` : all.join(', ');
};

/**
 * The report's title as the caller may read it: the handler the title as written, everyone else
 * the copy without the reporter's identifying data; null when the caller is involved in it
 * (recusal) or it is gone. Read fresh (a subscription's loaders live as long as it does).
 */
async function reportTitle(ctx: RequestContext, id: string): Promise<string | null> {
  ctx.loaders.reportById.clear(id);
  const report = await ctx.loaders.reportById.load(id);
  if (!report || (await isInvolved(ctx, RecusableType.Report, report))) return null;
  return readsUnredacted(ctx, report) ? report.title : report.titleRedacted;
}

async function inspectionSubject(ctx: RequestContext, id: string): Promise<{ title: string; concerned: string | null } | null> {
  ctx.loaders.inspectionById.clear(id);
  const inspection = await ctx.loaders.inspectionById.load(id);
  if (!inspection || (await isInvolved(ctx, RecusableType.Inspection, inspection))) return null;
  const [cadre, unit] = await Promise.all([
    inspection.subjectCadreId ? ctx.loaders.cadreById.load(inspection.subjectCadreId) : null,
    inspection.subjectUnitId ? ctx.loaders.unitById.load(inspection.subjectUnitId) : null,
  ]);
  return { title: inspection.title, concerned: names([cadre], [unit]) };
}

/** What the event is about, as the caller may read it. */
async function subjectOf(ctx: RequestContext, e: BoardEvent): Promise<EventSubject> {
  const none: EventSubject = { title: null, concerned: null, handler: null };
  if (e.reportId) {
    const title = await reportTitle(ctx, e.reportId);
    let handler: string | null = null;
    if (e.type === BoardEventType.REPORT_REASSIGNED && typeof e.payload['handlerAccountId'] === 'string') {
      const account = await ctx.loaders.accountById.load(e.payload['handlerAccountId']);
      handler = account ? account.displayName || account.email : null;
    }
    return { ...none, title, handler };
  }
  if (e.findingId) {
    const finding = await ctx.loaders.findingById.load(e.findingId);
    if (!finding || (await isInvolved(ctx, RecusableType.Finding, finding))) return none;
    const [inspection, cadres, units] = await Promise.all([
      inspectionSubject(ctx, finding.inspectionId),
      ctx.loaders.cadreById.loadMany(finding.concernedCadreIds),
      ctx.loaders.unitById.loadMany(finding.concernedUnitIds),
    ]);
    return { ...none, title: inspection?.title ?? null, concerned: names(cadres, units) ?? inspection?.concerned ?? null };
  }
  if (e.inspectionId) {
    const inspection = await inspectionSubject(ctx, e.inspectionId);
    return { ...none, title: inspection?.title ?? null, concerned: inspection?.concerned ?? null };
  }
  if (e.disciplineCaseId) {
    const c = await ctx.loaders.disciplineCaseById.load(e.disciplineCaseId);
    if (!c || (await isInvolved(ctx, RecusableType.DisciplineCase, c))) return none;
    const [cadre, unit] = await Promise.all([
      c.cadreId ? ctx.loaders.cadreById.load(c.cadreId) : null,
      c.unitId && !c.cadreId ? ctx.loaders.unitById.load(c.unitId) : null,
    ]);
    return { ...none, concerned: names([cadre], [unit]) };
  }
  return none;
}

/**
 * What a feed line and a presence entry say, resolved for each viewer when read (issue 23,
 * item 5): event payloads keep ids and public fields only, and a title is what the viewer may
 * read of the item (the recusal policy, the redacted copy for all but the handler).
 */
@Resolver(() => BoardEvent)
export class BoardEventFieldsResolver {
  @FieldResolver(() => String, {
    description:
      'The line the board shows, in Vietnamese: the step taken, the item’s title as the caller may read it (a report’s redacted title unless the caller handles it), and the person or unit concerned.',
  })
  async summary(@Root() e: BoardEvent, @Ctx() ctx: RequestContext): Promise<string> {
    return eventLine(e.type, e.payload, await subjectOf(ctx, e));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The title of the item the event is about, as the caller may read it (tiêu đề): a report’s (redacted unless the caller handles it) or an inspection’s (a finding’s inspection); null for discipline cases, and when the caller may not read the item.',
  })
  async subjectTitle(@Root() e: BoardEvent, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await subjectOf(ctx, e)).title;
  }
}

@Resolver(() => PresenceEntry)
export class PresenceEntryFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The title of what they are working on, as the caller may read it (a report’s redacted title unless the caller handles it); null when the caller may not read it.',
  })
  async subjectTitle(@Root() p: PresenceEntry, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (p.subjectType === PresenceSubjectType.REPORT) return reportTitle(ctx, p.subjectId);
    return (await inspectionSubject(ctx, p.subjectId))?.title ?? null;
  }
}
