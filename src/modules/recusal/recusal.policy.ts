import { defaultFieldResolver, getNamedType, type GraphQLSchema, isNonNullType, isObjectType } from 'graphql';
import { AppError, ErrorCode, notFound } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';

/**
 * Recusal (DOMAIN.md, "Conflicts of interest and recusal"): an account is *involved* in an item
 * when the cadre it is linked to (`Account.cadreId`) is a subject of it:
 * - a report (any kind) naming the cadre among its concerned cadres (`report_subject`);
 * - an inspection of the cadre (`inspection.subject_cadre_id`);
 * - a finding concerning the cadre (`finding.concerned_cadre_ids`), or recorded in an inspection of them;
 * - a discipline case of the cadre (`discipline_case.cadre_id`);
 * - a commendation of the cadre (`commendation.cadre_id`).
 * An involved account, whatever its role, reads nothing of the item (it is hidden: NOT_FOUND, or
 * left out of lists) and cannot act on it. This module is the one place that says so: list
 * statements join its SQL conditions, services ask it about single items, and
 * {@link guardRecusedFields} applies it to every schema field that returns one of these items.
 */
export enum RecusableType {
  Report = 'Report',
  Inspection = 'Inspection',
  Finding = 'Finding',
  DisciplineCase = 'DisciplineCase',
  Commendation = 'Commendation',
}

const RECUSABLE = new Set<string>(Object.values(RecusableType));

/**
 * SQL conditions, true when the row aliased `alias` is NOT an item the cadre `me` (a bound
 * parameter, e.g. `:me` or `$3`, possibly NULL for an account without a cadre) is involved in.
 * Each is a join on the subject's index, so a list stays one statement.
 */
export const notInvolved = {
  report: (alias: string, me: string) =>
    `NOT EXISTS (SELECT 1 FROM report_subject rs_me WHERE rs_me.report_id = ${alias}.id AND rs_me.cadre_id = CAST(${me} AS uuid))`,
  inspection: (alias: string, me: string) =>
    `(CAST(${me} AS uuid) IS NULL OR ${alias}.subject_cadre_id IS NULL OR ${alias}.subject_cadre_id <> CAST(${me} AS uuid))`,
  finding: (alias: string, me: string) =>
    `(CAST(${me} AS uuid) IS NULL OR (NOT ${alias}.concerned_cadre_ids @> ARRAY[CAST(${me} AS uuid)]
       AND NOT EXISTS (SELECT 1 FROM inspection fi_me WHERE fi_me.id = ${alias}.inspection_id AND fi_me.subject_cadre_id = CAST(${me} AS uuid))))`,
  disciplineCase: (alias: string, me: string) =>
    `(CAST(${me} AS uuid) IS NULL OR ${alias}.cadre_id IS NULL OR ${alias}.cadre_id <> CAST(${me} AS uuid))`,
  commendation: (alias: string, me: string) =>
    `(CAST(${me} AS uuid) IS NULL OR ${alias}.cadre_id IS NULL OR ${alias}.cadre_id <> CAST(${me} AS uuid))`,
};

/**
 * The ids of the reports the cadre `me` (a bound parameter) is involved in, for a statement that
 * starts from them (the board's hidden reports): the index on report_subject (cadre_id, report_id)
 * reads only those, where `NOT notInvolved.report` would test every report.
 */
export const involvedReportIds = (me: string) =>
  `SELECT rs_me.report_id FROM report_subject rs_me WHERE rs_me.cadre_id = CAST(${me} AS uuid)`;

/**
 * The cadres involved in the item a board event is about, for an outbox row aliased `e` (its
 * payload names `reportId`, `inspectionId`, `findingId` or a discipline case's `caseId`): a text[] that
 * delivery checks the viewer's cadre against.
 */
export const EVENT_INVOLVED_CADRES_SQL = `ARRAY(
    SELECT s.cadre_id::text FROM report_subject s
     WHERE e.payload ? 'reportId' AND s.report_id = (e.payload->>'reportId')::uuid AND s.cadre_id IS NOT NULL
    UNION ALL
    SELECT i.subject_cadre_id::text FROM inspection i
     WHERE e.payload ? 'inspectionId' AND i.id = (e.payload->>'inspectionId')::uuid AND i.subject_cadre_id IS NOT NULL
    UNION ALL
    SELECT unnest(f.concerned_cadre_ids)::text FROM finding f
     WHERE e.payload ? 'findingId' AND f.id = (e.payload->>'findingId')::uuid
    UNION ALL
    SELECT d.cadre_id::text FROM discipline_case d
     WHERE e.payload ? 'caseId' AND d.id = (e.payload->>'caseId')::uuid AND d.cadre_id IS NOT NULL)`;

/** Refused because the caller's own cadre is a subject of the item (`extensions.reason: RECUSED`). */
export const recused = (message: string) => new AppError(ErrorCode.FORBIDDEN, message, { reason: 'RECUSED' });

interface ReportLike {
  id: string;
}
interface InspectionLike {
  id: string;
  subjectCadreId: string | null;
}
interface FindingLike {
  id: string;
  inspectionId: string;
  concernedCadreIds: readonly string[];
}
interface CadreSubjectLike {
  id: string;
  cadreId: string | null;
}

/** Items the list statements already filtered with {@link notInvolved}, per request: no second look. */
const cleared = new WeakMap<object, WeakSet<object>>();

/** Whether a list statement already filtered the item for this request ({@link markCleared}). */
const isCleared = (ctx: RequestContext, item: object): boolean => cleared.get(ctx.loaders)?.has(item) ?? false;

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** The cadre of the caller, when it has one (an account without a cadre is involved in nothing). */
export const viewerCadreOf = (ctx: Pick<RequestContext, 'account'>): string | null => ctx.account?.cadreId ?? null;

/** Whether the caller is involved in the item, reading its subjects through the request's loaders (batched). */
export async function isInvolved(ctx: RequestContext, type: RecusableType, item: object): Promise<boolean> {
  const me = viewerCadreOf(ctx);
  if (!me) return false;
  if (isCleared(ctx, item)) return false;
  switch (type) {
    case RecusableType.Report: {
      const subjects = await ctx.loaders.subjectsByReport.load((item as ReportLike).id);
      return subjects.some((s) => s.cadreId === me);
    }
    case RecusableType.Inspection:
      return (item as InspectionLike).subjectCadreId === me;
    case RecusableType.Finding: {
      const f = item as FindingLike;
      if (f.concernedCadreIds.includes(me)) return true;
      const inspection = await ctx.loaders.inspectionById.load(f.inspectionId);
      return inspection?.subjectCadreId === me;
    }
    case RecusableType.DisciplineCase:
    case RecusableType.Commendation:
      return (item as CadreSubjectLike).cadreId === me;
  }
}

/** The items among `items` the caller is not involved in, in order. */
export async function visibleItems<T extends object>(
  ctx: RequestContext,
  type: RecusableType,
  items: readonly T[],
): Promise<T[]> {
  if (!viewerCadreOf(ctx)) return [...items];
  const involved = await Promise.all(items.map((i) => isInvolved(ctx, type, i)));
  return items.filter((_, i) => !involved[i]);
}

/**
 * The item, or NOT_FOUND exactly as if it did not exist when the caller is involved in it (for
 * single reads and for writes that name the item: an involved account may not know it exists).
 */
export async function assertNotInvolved<T extends { id: string }>(
  ctx: RequestContext,
  type: RecusableType,
  item: T,
  what: string,
): Promise<T> {
  if (await isInvolved(ctx, type, item)) throw notFound(what, item.id);
  return item;
}

/**
 * FORBIDDEN (RECUSED) when the caller's own cadre is among `cadreIds` of an item it is about to
 * create or name (open a case against itself, record a finding or a commendation about itself).
 * The caller gave these ids, so the refusal reveals nothing it did not know.
 */
export function assertNotOwnCadre(
  ctx: RequestContext,
  cadreIds: ReadonlyArray<string | null | undefined>,
  message: string,
): void {
  const me = viewerCadreOf(ctx);
  if (me && cadreIds.includes(me)) throw recused(message);
}

/** Marks items a list statement filtered with {@link notInvolved}, so the field guard does not look again. */
export function markCleared(ctx: RequestContext, items: Iterable<object>): void {
  if (!viewerCadreOf(ctx)) return;
  let set = cleared.get(ctx.loaders);
  if (!set) cleared.set(ctx.loaders, (set = new WeakSet()));
  for (const item of items) set.add(item);
}

/**
 * Wraps the resolver of every object field whose type is a report, inspection, finding,
 * discipline case or commendation (or a list of them), read from the schema itself, so a field
 * added later is covered: an item the caller is involved in becomes null in a nullable field,
 * NOT_FOUND in a non-null one, and is left out of a list. Fields of accounts without a cadre pay
 * one property check, and items a list statement already cleared one look-up, without a promise.
 */
export function guardRecusedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name;
      if (!RECUSABLE.has(target)) continue;
      const recusable = target as RecusableType;
      const resolve = field.resolve ?? defaultFieldResolver;
      const nonNull = isNonNullType(field.type);
      const guard = (ctx: RequestContext, result: unknown): unknown => {
        if (result === null || result === undefined) return result;
        if (Array.isArray(result)) {
          return result.every((item) => isCleared(ctx, item as object))
            ? result
            : visibleItems(ctx, recusable, result as object[]);
        }
        if (isCleared(ctx, result as object)) return result;
        return isInvolved(ctx, recusable, result as object).then((involved) => {
          if (!involved) return result;
          if (nonNull) throw notFound(recusable, (result as { id: string }).id);
          return null;
        });
      };
      // Synchronous where nothing is to be looked up (no promise per row of a page): the value
      // as resolved for an account without a cadre, and items a list statement already cleared.
      field.resolve = (source, args, ctx: RequestContext, info) => {
        const result: unknown = resolve(source, args, ctx, info);
        if (!viewerCadreOf(ctx)) return result;
        return isPromiseLike(result) ? result.then((value) => guard(ctx, value)) : guard(ctx, result);
      };
    }
  }
  return schema;
}
