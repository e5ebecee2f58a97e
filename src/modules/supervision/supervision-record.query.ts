import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { plainRows } from '../../db/plain-rows';
import type { Loaders, RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { Commendation } from '../commendations/commendation.entity';
import { Finding } from '../inspections/finding.entity';
import { Inspection } from '../inspections/inspection.entity';
import { Report } from '../reports/report.entity';
import { markCleared, notInvolved } from '../recusal/recusal.policy';
import { DisciplineCase } from '../discipline/discipline-case.entity';

export enum SupervisionEntryType {
  REPORT = 'REPORT',
  INSPECTION = 'INSPECTION',
  FINDING = 'FINDING',
  DISCIPLINE_CASE = 'DISCIPLINE_CASE',
  COMMENDATION = 'COMMENDATION',
}

/** One entry as the page statement returns it; the linked item is loaded by id when asked for. */
export interface RecordRow {
  at: Date;
  type: SupervisionEntryType;
  id: string;
  status: string;
  /** PostgreSQL's text form of `at` (microseconds), for the cursor. */
  atText: string;
}

export interface RecordPage {
  edges: Array<{ node: RecordRow; cursor: string }>;
  nodes: RecordRow[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Whose record: a cadre's, a unit's own, or a unit's with the units below it. */
type Owner = 'cadre' | 'unit' | 'unitTree';

interface Cursor {
  at: string;
  type: SupervisionEntryType;
  id: string;
}

/**
 * Ties on `at` are broken by a fixed rank of the type, then by id: a number, so the order does not
 * depend on the database's collation.
 */
const RANK: Record<SupervisionEntryType, number> = {
  [SupervisionEntryType.COMMENDATION]: 1,
  [SupervisionEntryType.DISCIPLINE_CASE]: 2,
  [SupervisionEntryType.FINDING]: 3,
  [SupervisionEntryType.INSPECTION]: 4,
  [SupervisionEntryType.REPORT]: 5,
};

/** The units of the key's subtree: a range on the materialised path, so the text_pattern_ops index serves it. */
const TREE = `SELECT d.id FROM unit d WHERE d.path ~>=~ k.path AND d.path ~<~ (k.path || '~')`;

interface Branch {
  type: SupervisionEntryType;
  /** `FROM … WHERE <owner>` with alias `x`, for each owner. */
  from: Record<Owner, string>;
  /** The entry's time, for each owner when it is read from another table than `x`. */
  at: string | Record<Owner, string>;
  /** The entry's id, when it is not `x.id`: the column the owner's index orders by. */
  id?: Record<Owner, string>;
  status: string;
  /** The recusal policy's condition on `x` for the viewer's cadre `me` (a parameter, NULL for none). */
  clear: (alias: string, me: string) => string;
}

const BRANCHES: Branch[] = [
  {
    type: SupervisionEntryType.REPORT,
    clear: notInvolved.report,
    // A cadre's or unit's reports newest first are a range on report_subject's copy of received_at
    // (one subject row per report and owner), each page row then one look-up of its report. A
    // subtree's may name a report once per unit, so it is read by report, distinct.
    from: {
      cadre: `report_subject s JOIN report x ON x.id = s.report_id WHERE s.cadre_id = k.key`,
      unit: `report_subject s JOIN report x ON x.id = s.report_id WHERE s.unit_id = k.key`,
      unitTree: `report x WHERE x.id IN (SELECT s.report_id FROM report_subject s WHERE s.unit_id IN (${TREE}))`,
    },
    at: { cadre: 's.received_at', unit: 's.received_at', unitTree: 'x.received_at' },
    id: { cadre: 's.report_id', unit: 's.report_id', unitTree: 'x.id' },
    status: 'x.status::text',
  },
  {
    type: SupervisionEntryType.INSPECTION,
    clear: notInvolved.inspection,
    from: {
      cadre: `inspection x WHERE x.subject_cadre_id = k.key`,
      unit: `inspection x WHERE x.subject_unit_id = k.key`,
      unitTree: `inspection x WHERE x.subject_unit_id IN (${TREE})`,
    },
    at: 'x.created_at',
    status: 'x.status::text',
  },
  {
    type: SupervisionEntryType.FINDING,
    clear: notInvolved.finding,
    from: {
      // OFFSET 0 keeps the planner from walking finding_recorded_idx newest first and testing
      // every finding's array: the subquery is planned alone, on the GIN index of the array.
      cadre: `(SELECT * FROM finding f WHERE f.concerned_cadre_ids && ARRAY[k.key] OFFSET 0) x WHERE true`,
      unit: `(SELECT * FROM finding f WHERE f.concerned_unit_ids && ARRAY[k.key] OFFSET 0) x WHERE true`,
      unitTree: `(SELECT * FROM finding f WHERE f.concerned_unit_ids && ARRAY(${TREE}) OFFSET 0) x WHERE true`,
    },
    at: 'x.recorded_at',
    // A withdrawn finding stays in the record, marked WITHDRAWN instead of its severity.
    status: `CASE WHEN x.status = 'WITHDRAWN' THEN 'WITHDRAWN' ELSE x.severity::text END`,
  },
  {
    type: SupervisionEntryType.DISCIPLINE_CASE,
    clear: notInvolved.disciplineCase,
    from: {
      cadre: `discipline_case x WHERE x.cadre_id = k.key`,
      unit: `discipline_case x WHERE x.unit_id = k.key`,
      unitTree: `discipline_case x WHERE x.unit_id IN (${TREE})`,
    },
    at: 'x.created_at',
    status: 'x.status::text',
  },
  {
    type: SupervisionEntryType.COMMENDATION,
    clear: notInvolved.commendation,
    from: {
      cadre: `commendation x WHERE x.cadre_id = k.key`,
      unit: `commendation x WHERE x.unit_id = k.key`,
      unitTree: `commendation x WHERE x.unit_id IN (${TREE})`,
    },
    // The decision's day starts at midnight in Vietnam (UTC+7).
    at: `((x.decision_date::timestamp - interval '7 hours') AT TIME ZONE 'UTC')`,
    status: 'x.form::text',
  },
];

/** The linked items a request reads on the entries of a record; the page statement brings them along. */
export interface RecordLinks {
  report: boolean;
  inspection: boolean;
  finding: boolean;
  /** `finding { inspection }`: the inspection each finding was recorded in. */
  findingInspection: boolean;
  disciplineCase: boolean;
  commendation: boolean;
}

const NO_LINKS: RecordLinks = {
  report: false,
  inspection: false,
  finding: false,
  findingInspection: false,
  disciplineCase: false,
  commendation: false,
};

interface Join {
  entity: EntityTarget<ObjectLiteral>;
  /** Table alias in the page statement, and the prefix of its columns there. */
  alias: string;
  on: string;
  loader: 'reportById' | 'inspectionById' | 'findingById' | 'disciplineCaseById' | 'commendationById';
}

/**
 * The items the page statement joins for `links`, each by primary key to the entry it stands for,
 * with every column `findByIds` selects, so the entities primed into the loaders are the ones a
 * batch by id would have made and the links cost no statement. A finding's inspection comes
 * through the same join as an inspection entry's (one look-up per row either way).
 */
function joinsOf(links: RecordLinks): Join[] {
  const joins: Join[] = [];
  if (links.report) joins.push({ entity: Report, alias: 'lr', on: `e.type = 'REPORT' AND lr.id = e.id`, loader: 'reportById' });
  if (links.finding || links.findingInspection)
    joins.push({ entity: Finding, alias: 'lf', on: `e.type = 'FINDING' AND lf.id = e.id`, loader: 'findingById' });
  if (links.findingInspection)
    joins.push({
      entity: Inspection,
      alias: 'li',
      on: `li.id = CASE e.type WHEN 'INSPECTION' THEN e.id WHEN 'FINDING' THEN lf.inspection_id END`,
      loader: 'inspectionById',
    });
  else if (links.inspection)
    joins.push({ entity: Inspection, alias: 'li', on: `e.type = 'INSPECTION' AND li.id = e.id`, loader: 'inspectionById' });
  if (links.disciplineCase)
    joins.push({
      entity: DisciplineCase,
      alias: 'ld',
      on: `e.type = 'DISCIPLINE_CASE' AND ld.id = e.id`,
      loader: 'disciplineCaseById',
    });
  if (links.commendation)
    joins.push({ entity: Commendation, alias: 'lm', on: `e.type = 'COMMENDATION' AND lm.id = e.id`, loader: 'commendationById' });
  return joins;
}

/** Names a set of links, for the loader and statement caches. */
const linksKey = (links: RecordLinks) => (Object.keys(links) as Array<keyof RecordLinks>).filter((k) => links[k]).join(',');

const columnPrefix = (j: Join) => `${j.alias}.`;

/**
 * One statement for a page of every asked record: for each key, the five sources each give their
 * newest `first + 1` entries after the cursor (each on its owner's index), and their union is cut
 * to `first + 1` in (at, type, id) order, newest first. The keyset condition is written per
 * branch (its type is a constant there), so each stays a plain range on its time column. The
 * linked items asked for are joined to the page's rows by primary key (at most `first + 1`
 * look-ups per table), so the links need no second round trip.
 */
function pageSql(manager: EntityManager, owner: Owner, after: Cursor | null, links: RecordLinks): string {
  // Parameters: the keys (and for a subtree their paths), the viewer's cadre (recusal: nothing
  // it is involved in is listed), the limit, then the cursor's at and id.
  const tree = owner === 'unitTree';
  const keys = tree ? `unnest($1::uuid[], $2::text[]) AS k(key, path)` : `unnest($1::uuid[]) AS k(key)`;
  const [me, limit, at, id] = tree ? ['$3', '$4', '$5', '$6'] : ['$2', '$3', '$4', '$5'];
  const branches = BRANCHES.map((b) => {
    const bAt = typeof b.at === 'string' ? b.at : b.at[owner];
    const bId = b.id?.[owner] ?? 'x.id';
    let cond = ` AND ${b.clear('x', me)}`;
    if (after) {
      const diff = RANK[b.type] - RANK[after.type];
      cond +=
        diff < 0
          ? ` AND ${bAt} <= ${at}::timestamptz`
          : diff > 0
            ? ` AND ${bAt} < ${at}::timestamptz`
            : ` AND (${bAt}, ${bId}) < (${at}::timestamptz, ${id}::uuid)`;
    }
    return `(SELECT '${b.type}'::text AS type, ${RANK[b.type]} AS rank, ${bId} AS id, ${bAt} AS at, ${b.status} AS status
       FROM ${b.from[owner]}${cond}
      ORDER BY ${bAt} DESC, ${bId} DESC LIMIT ${limit})`;
  });
  const joins = joinsOf(links);
  const meta = (j: Join) => manager.connection.getMetadata(j.entity);
  const columns = joins.map((j) => `,\n       ${plainRows(manager, j.entity).columns(j.alias, columnPrefix(j))}`).join('');
  // Each link a lateral look-up that the planner cannot pull up into the join tree (OFFSET 0): at
  // most one primary-key probe per page row, skipped for rows of another type, instead of a hash
  // join over a whole table that its estimates may pick; and no join order to search for, so
  // planning stays as cheap as the page's own.
  const joined = joins
    .map(
      (j) => `\n  LEFT JOIN LATERAL (SELECT * FROM "${meta(j).tableName}" ${j.alias} WHERE ${j.on} OFFSET 0) ${j.alias} ON true`,
    )
    .join('');
  return `SELECT k.key::text AS key, e.type, e.id::text AS id, e.at, e.at::text AS at_text, e.status${columns}
  FROM ${keys}
  CROSS JOIN LATERAL (
    ${branches.join('\n    UNION ALL\n    ')}
    ORDER BY at DESC, rank DESC, id DESC LIMIT ${limit}
  ) e${joined}
 ORDER BY k.key, e.at DESC, e.rank DESC, e.id DESC`;
}

/** The fields under the given ones, through inline fragments and fragment spreads. */
function subfields(info: GraphQLResolveInfo, fields: readonly FieldNode[], name?: string): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const f of fields) visit(f.selectionSet);
  return name ? out.filter((f) => f.name.value === name) : out;
}

/**
 * The links a `supervisionRecord` selection reads on its entries (`nodes` and `edges.node`). A
 * field under `@skip`/`@include` counts as read: loading a link nobody reads costs a join, not
 * a wrong answer.
 */
export function linksAsked(info: GraphQLResolveInfo): RecordLinks {
  const record = info.fieldNodes;
  const entries = [...subfields(info, record, 'nodes'), ...subfields(info, subfields(info, record, 'edges'), 'node')];
  const asked = new Set(subfields(info, entries).map((f) => f.name.value));
  return {
    report: asked.has('report'),
    inspection: asked.has('inspection'),
    finding: asked.has('finding'),
    findingInspection: subfields(info, subfields(info, entries, 'finding'), 'inspection').length > 0,
    disciplineCase: asked.has('disciplineCase'),
    commendation: asked.has('commendation'),
  };
}

/** PostgreSQL's text form of a timestamptz, as the page statement returns it. */
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

interface RawRow {
  key: string;
  type: SupervisionEntryType;
  id: string;
  at: Date;
  at_text: string;
  status: string;
  /** The joined items' columns, `<alias>.<column>`. */
  [column: string]: unknown;
}

/**
 * Supervision records, a page at a time: one SQL statement per page request for every cadre (or
 * unit) asking for the same page in one request, whatever the number of parents or entries.
 */
export class SupervisionRecordService {
  private readonly loaders = new WeakMap<object, Map<string, DataLoader<string, RecordPage>>>();

  constructor(private readonly cursors: CursorCodec) {}

  /**
   * A page of a cadre's record, newest first, with the linked items `links` names primed into the
   * request's loaders. BAD_USER_INPUT at `after` for a cursor not ours.
   */
  forCadre(
    ctx: RequestContext,
    cadreId: string,
    args: { first: number; after?: string | null },
    links: RecordLinks = NO_LINKS,
  ): Promise<RecordPage> {
    return this.loader(ctx, 'cadre', args, links).load(cadreId);
  }

  /**
   * A page of a unit's record, newest first; with `includeDescendants` the units below it too. The
   * linked items `links` names are primed into the request's loaders.
   */
  forUnit(
    ctx: RequestContext,
    unit: { id: string; path: string },
    args: { first: number; after?: string | null; includeDescendants: boolean },
    links: RecordLinks = NO_LINKS,
  ): Promise<RecordPage> {
    const owner: Owner = args.includeDescendants ? 'unitTree' : 'unit';
    // The path rides in the key, so a batch needs no extra statement to find each subtree.
    return this.loader(ctx, owner, args, links).load(owner === 'unitTree' ? `${unit.id} ${unit.path}` : unit.id);
  }

  private loader(ctx: RequestContext, owner: Owner, args: { first: number; after?: string | null }, links: RecordLinks) {
    const after = args.after ? this.decode(args.after) : null;
    let perRequest = this.loaders.get(ctx.loaders);
    if (!perRequest) this.loaders.set(ctx.loaders, (perRequest = new Map()));
    const name = `${owner} ${args.first} ${args.after ?? ''} ${linksKey(links)}`;
    let loader = perRequest.get(name);
    if (!loader) {
      loader = new DataLoader<string, RecordPage>((keys) => this.load(ctx, owner, keys, args.first, after, !!args.after, links));
      perRequest.set(name, loader);
    }
    return loader;
  }

  private async load(
    ctx: RequestContext,
    owner: Owner,
    keys: readonly string[],
    first: number,
    after: Cursor | null,
    hasAfter: boolean,
    links: RecordLinks,
  ): Promise<RecordPage[]> {
    const ids = keys.map((k) => k.split(' ')[0]!);
    const params: unknown[] = owner === 'unitTree' ? [ids, keys.map((k) => k.slice(k.indexOf(' ') + 1))] : [ids];
    params.push(ctx.account?.cadreId ?? null, first + 1);
    if (after) params.push(after.at, after.id);
    const rows = (await ctx.manager.query(this.sql(ctx.manager, owner, after, links), params)) as RawRow[];
    this.prime(ctx, rows, links);
    const byKey = new Map<string, RawRow[]>();
    for (const r of rows) {
      const list = byKey.get(r.key);
      if (list) list.push(r);
      else byKey.set(r.key, [r]);
    }
    return ids.map((id) => {
      const found = byKey.get(id) ?? [];
      const nodes = found
        .slice(0, first)
        .map((r) => ({ at: new Date(r.at), type: r.type, id: r.id, status: r.status, atText: r.at_text }));
      const edges = lazyEdges(nodes, (node) => this.cursors.encode({ k: 'sr', at: node.atText, t: node.type, id: node.id }));
      return { edges, nodes, pageInfo: lazyPageInfo(edges, found.length > first, hasAfter) };
    });
  }

  private readonly statements = new Map<string, string>();

  /** The page statement's text: one per owner, cursor type and set of links, built once. */
  private sql(manager: EntityManager, owner: Owner, after: Cursor | null, links: RecordLinks): string {
    const name = `${owner} ${after?.type ?? ''} ${linksKey(links)}`;
    let text = this.statements.get(name);
    if (text === undefined) this.statements.set(name, (text = pageSql(manager, owner, after, links)));
    return text;
  }

  /** Hands the joined items to the request's loaders by id, as their own batches would have loaded them. */
  private prime(ctx: RequestContext, rows: RawRow[], links: RecordLinks): void {
    for (const j of joinsOf(links)) {
      const prefix = columnPrefix(j);
      const withItem = rows.filter((r) => r[`${prefix}id`] != null);
      if (!withItem.length) continue;
      const loader = ctx.loaders[j.loader] as Loaders[Join['loader']] as DataLoader<string, unknown>;
      const items = plainRows(ctx.manager, j.entity).read(withItem, prefix);
      for (const item of items) loader.prime(item['id'] as string, item);
      // Every page row passed the recusal conditions (a finding's, that its inspection is not of
      // the viewer's cadre either): the field guard need not look again.
      markCleared(ctx, items);
    }
  }

  private decode(after: string): Cursor {
    const c = this.cursors.decode(after, 'after');
    const at = c['at'];
    const type = c['t'];
    const id = c['id'];
    if (
      c['k'] !== 'sr' ||
      typeof at !== 'string' ||
      !PG_TIMESTAMPTZ.test(at) ||
      typeof type !== 'string' ||
      !(type in RANK) ||
      typeof id !== 'string' ||
      !isUUID(id)
    )
      this.cursors.decode('', 'after');
    return { at: at as string, type: type as SupervisionEntryType, id: id as string };
  }
}
