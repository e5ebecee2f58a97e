import type { SelectQueryBuilder } from 'typeorm';
import type { CursorCodec } from '../../graphql/cursor';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Finding } from './finding.entity';
import { CONCLUDED_STAGES } from './inspection-workflow';
import { Inspection } from './inspection.entity';
import type { FindingsArgs, InspectionFilter, InspectionsArgs } from './inspections.inputs';
import { FindingConnection, InspectionConnection } from './inspections.types';
import { keysetPage } from '../../graphql/keyset-page';
import { markCleared, notInvolved } from '../recusal/recusal.policy';
import type { Cadre } from '../cadres/cadre.entity';
import { visibleSubtree } from '../units/unit-scope';

/** Findings of a page's inspections read by the look-ahead (the rows are the request's own objects). */
const findingsOfPage = new WeakMap<Inspection, Finding[]>();
/** The concerned cadres of those findings, read by the look-ahead (callers without a unit scope). */
const concernedOfPage = new WeakMap<Finding, Cadre[]>();

/** The inspection's findings when the list's look-ahead read them; undefined otherwise. */
export const preloadedFindings = (inspection: Inspection): Finding[] | undefined => findingsOfPage.get(inspection);
/** The finding's concerned cadres when the list's look-ahead read them; undefined otherwise. */
export const preloadedConcernedCadres = (finding: Finding): Cadre[] | undefined => concernedOfPage.get(finding);

/** The subject's unit path (the unit, or the subject cadre's unit) of inspection alias `i`. */
const SUBJECT_PATH = `(SELECT u.path FROM unit u WHERE u.id = coalesce(i.subject_unit_id, (SELECT c.unit_id FROM cadre c WHERE c.id = i.subject_cadre_id)))`;

/** Inspection and finding lists: filters, role scoping and keyset pagination (newest first). */
export class InspectionsQueryService {
  constructor(private readonly cursors: CursorCodec) {}

  async inspections(ctx: RequestContext, args: InspectionsArgs): Promise<InspectionConnection> {
    const q = ctx.manager.createQueryBuilder(Inspection, 'i');
    this.scope(ctx, q);
    if (ctx.account?.cadreId) q.andWhere(notInvolved.inspection('i', ':me'), { me: ctx.account.cadreId });
    this.filter(q, args.filter ?? {});
    const page = await keysetPage(q, 'i', 'created_at', args, this.cursors);
    for (const e of page.edges) ctx.loaders.inspectionById.prime(e.node.id, e.node);
    markCleared(
      ctx,
      page.edges.map((e) => e.node),
    );
    return Object.assign(new InspectionConnection(), page);
  }

  /**
   * Look-ahead for a page of inspections: when the document asks for their `findings` (and the
   * findings' `concernedCadres`), those batches are read now through the request's loaders (the
   * same statements in the same waves the field resolvers sent: the findings batch, then one
   * cadre batch; keys in first-appearance order) and kept for the field resolvers, which then
   * answer without a promise per inspection and per finding. A UNIT_HEAD's concerned cadres are
   * filtered by its units, so those stay with the field resolver.
   */
  async preload(
    ctx: RequestContext,
    inspections: Inspection[],
    fields: ReadonlySet<string>,
    findingFields: ReadonlySet<string>,
  ): Promise<void> {
    if (!fields.has('findings') || !inspections.length) return;
    const ids = [...new Set(inspections.map((i) => i.id))];
    const lists = await ctx.loaders.findingsByInspection.loadMany(ids);
    const byInspection = new Map(ids.map((id, i) => [id, lists[i]]));
    const findings: Finding[] = [];
    for (const inspection of inspections) {
      const list = byInspection.get(inspection.id);
      if (!Array.isArray(list)) continue; // a failed batch: the field resolver reports it
      findingsOfPage.set(inspection, list);
      findings.push(...list);
    }
    if (!findingFields.has('concernedCadres') || (await visibleSubtree(ctx))) return;
    const present = (f: Finding) => f.concernedCadreIds.filter((id): id is string => !!id);
    const cadreIds = [...new Set(findings.flatMap(present))];
    if (!cadreIds.length) return;
    const cadres = await ctx.loaders.cadreById.loadMany(cadreIds);
    const byCadre = new Map(cadreIds.map((id, i) => [id, cadres[i]]));
    for (const finding of findings) {
      const concerned = present(finding).map((id) => byCadre.get(id));
      concernedOfPage.set(
        finding,
        concerned.filter((c): c is Cadre => !!c && !(c instanceof Error)),
      );
    }
  }

  async findings(ctx: RequestContext, args: FindingsArgs): Promise<FindingConnection> {
    const q = ctx.manager.createQueryBuilder(Finding, 'f').innerJoin(Inspection, 'i', 'i.id = f.inspection_id');
    this.scope(ctx, q);
    if (ctx.account?.cadreId) q.andWhere(notInvolved.finding('f', ':me'), { me: ctx.account.cadreId });
    const f = args.filter ?? {};
    if (f.inspectionId) q.andWhere('f.inspection_id = :inspectionId', { inspectionId: f.inspectionId });
    if (f.areas?.length) q.andWhere('f.area IN (:...areas)', { areas: f.areas });
    if (f.severities?.length) q.andWhere('f.severity IN (:...severities)', { severities: f.severities });
    if (f.cadreId) q.andWhere(':cadreId = ANY(f.concerned_cadre_ids)', { cadreId: f.cadreId });
    if (f.unitId) q.andWhere(':unitId = ANY(f.concerned_unit_ids)', { unitId: f.unitId });
    const page = await keysetPage(q, 'f', 'recorded_at', args, this.cursors);
    markCleared(
      ctx,
      page.edges.map((e) => e.node),
    );
    return Object.assign(new FindingConnection(), page);
  }

  /** A UNIT_HEAD sees only concluded inspections whose subject lies in its subtree. */
  private scope(ctx: RequestContext, q: SelectQueryBuilder<Inspection> | SelectQueryBuilder<Finding>): void {
    if (ctx.account?.role !== Role.UNIT_HEAD) return;
    q.andWhere('i.status IN (:...concluded)', { concluded: [...CONCLUDED_STAGES] });
    q.andWhere(`${SUBJECT_PATH} LIKE (SELECT path FROM unit WHERE id = :scopeUnit) || '%'`, { scopeUnit: ctx.account.unitId });
  }

  private filter(q: SelectQueryBuilder<Inspection>, f: InspectionFilter): void {
    if (f.kinds?.length) q.andWhere('i.kind IN (:...kinds)', { kinds: f.kinds });
    if (f.statuses?.length) q.andWhere('i.status IN (:...statuses)', { statuses: f.statuses });
    if (f.subjectCadreId) q.andWhere('i.subject_cadre_id = :subjectCadreId', { subjectCadreId: f.subjectCadreId });
    if (f.unitId) q.andWhere(`${SUBJECT_PATH} LIKE (SELECT path FROM unit WHERE id = :unitId) || '%'`, { unitId: f.unitId });
    if (f.area) q.andWhere(':area = ANY(i.areas)', { area: f.area });
    if (f.periodFrom) q.andWhere('i.period_to >= :periodFrom', { periodFrom: f.periodFrom });
    if (f.periodTo) q.andWhere('i.period_from <= :periodTo', { periodTo: f.periodTo });
    const overdue = `EXISTS (SELECT 1 FROM follow_up_item x WHERE x.inspection_id = i.id AND x.fulfilled_on IS NULL AND x.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;
    if (f.overdueFollowUp === true) q.andWhere(overdue);
    if (f.overdueFollowUp === false) q.andWhere(`NOT ${overdue}`);
  }
}
