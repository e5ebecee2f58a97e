import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { AppError, badInput } from '../../common/errors';
import { type BulkColumn, bulkInsert } from '../../db/bulk-insert';
import { addYears, todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { assertVersion } from '../../db/optimistic-lock';
import { plainRows } from '../../db/plain-rows';
import { Role } from '../../common/role.enum';
import type { Post } from '../units/post.entity';
import { isWithin, visibleSubtree } from '../units/unit-scope';
import type { Unit } from '../units/unit.entity';
import type { UnitsService } from '../units/units.service';
import { CadreHistory, type ChangeSet } from './cadre-history.entity';
import { CadreChangeKind, CadreOrder, CURRENT_STATUSES, EmploymentStatus, HISTORY_KIND_OF_MOVE } from './cadre.enums';
import { Cadre } from './cadre.entity';
import { CadreErrors } from './cadres.errors';
import type {
  CadreFilter,
  CadresArgs,
  CreateCadreInput,
  EndCadreEmploymentInput,
  MoveCadreInput,
  UpdateCadreInput,
} from './cadres.inputs';
import { CadreConnection, type CadreFieldChange, type CadreHistoryEntry } from './cadres.types';

/** Fields VIEWER may not see, in the cadre and in its history. */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set(['dateOfBirth', 'phone', 'email']);

/** Whether the caller may see dates of birth and contact data. */
export function seesProtectedData(ctx: RequestContext): boolean {
  return !!ctx.account && ctx.account.role !== Role.VIEWER;
}

interface OrderSpec {
  /** SQL expression sorted on (with `c.id` as tie-breaker). */
  expr: string;
  /** Type the cursor's text key is cast back to. */
  cast: 'text' | 'date' | 'timestamptz';
  dir: 'ASC' | 'DESC';
}

/**
 * Conditions of hand-written SQL with numbered parameters: `bind(value)` adds a value and gives
 * its placeholder.
 */
class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.parts.push(condition);
  }

  clone(): Conditions {
    const copy = new Conditions();
    copy.parts.push(...this.parts);
    copy.params.push(...this.params);
    return copy;
  }

  where(...extra: Array<string | undefined>): string {
    const all = [...this.parts, ...extra.filter((e) => e !== undefined)];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  }
}

const ORDERS: Record<Exclude<CadreOrder, CadreOrder.RELEVANCE>, OrderSpec> = {
  [CadreOrder.FULL_NAME_ASC]: { expr: 'c.search_name', cast: 'text', dir: 'ASC' },
  [CadreOrder.DATE_OF_BIRTH_ASC]: { expr: 'c.date_of_birth', cast: 'date', dir: 'ASC' },
  [CadreOrder.CREATED_AT_DESC]: { expr: 'c.created_at', cast: 'timestamptz', dir: 'DESC' },
};

const NAME = 'c.search_name';
/** The words of the name and the name itself, as `cadre_search_words_idx` indexes them (see its migration). */
const WORDS = `array_append(string_to_array(${NAME}, ' '), ${NAME})`;

/**
 * RELEVANCE ranks a name in a tier, then by name: 0 the exact name; 1 every word as a whole word;
 * 2 every word as part of a word; 3 matched only by trigram similarity (a typo), closest first.
 * The cursor key is the tier digit, a space and the name (tier 3: the distance, then the name).
 */
interface SearchSql {
  /** Every word as an accent-free substring: the set tiers 0-2 partition. */
  direct(): string;
  /** The condition of tier 0, 1 or 2 (each implies `direct`, and they exclude each other). */
  tier(t: number): string;
  /** Trigram word similarity: the typo fallback, only when no name has every word. */
  similar(): string;
  /** Tier 3's order key: fixed-width distance (text order is numeric order), then the name. */
  similarKey(): string;
}

/**
 * The search's SQL over `q`'s parameters. Values are bound on first use, so a statement carries
 * only the parameters it refers to (PostgreSQL cannot type a parameter no statement uses).
 */
function searchSql(words: string[], q: Conditions): SearchSql {
  const once = (value: unknown) => {
    let placeholder: string | undefined;
    return () => (placeholder ??= q.bind(value));
  };
  const allWords = once(words.join(' '));
  const parts = words.map((w) => once(`%${likeEscape(w)}%`));
  const all = () => `search_text(${allWords()})`;
  const part = () => parts.map((p) => `${NAME} LIKE search_text(${p()})`).join(' AND ');
  // search_text is IMMUTABLE, so with the value known the planner folds this to a constant array
  // and estimates it from the index's element statistics.
  const whole = () => `${WORDS} @> string_to_array(${all()}, ' ')`;
  return {
    direct: () => `(${part()})`,
    tier: (t) =>
      t === 0 ? `${NAME} = ${all()}` : t === 1 ? `(${whole()} AND ${NAME} <> ${all()})` : `(${part()} AND NOT (${whole()}))`,
    similar: () => `${all()} <% ${NAME}`,
    similarKey: () => `'3 ' || to_char(1 - word_similarity(${all()}, ${NAME}), 'FM0.0000') || ' ' || ${NAME}`,
  };
}

/** RELEVANCE without words: by name, as tier 0. */
const RELEVANCE_WITHOUT_WORDS: OrderSpec = { expr: `'0 ' || ${NAME}`, cast: 'text', dir: 'ASC' };

/** The tier of a RELEVANCE cursor key ("<digit> ..."). */
function tierOf(key: string): number {
  const t = key.charCodeAt(0) - 48;
  if (!(t >= 0 && t <= 3) || key[1] !== ' ')
    throw badInput('after is not a cursor this server issued', [{ path: 'after', message: 'invalid cursor' }]);
  return t;
}

/** Words of a search string: NFC, trimmed, single-spaced, at most 8 words. */
function searchWords(search: string): string[] {
  return search.normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A name as stored: NFC (one code point per accented letter), trimmed, single spaces. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** Fields `updateCadre` may change, in the order history lists them. */
const UPDATABLE = [
  'fullName',
  'gender',
  'dateOfBirth',
  'civilServiceCategory',
  'qualification',
  'politicalTheory',
  'partyMember',
  'partyJoinedOn',
  'inPlanningPool',
  'planningPostId',
  'phone',
  'email',
  'status',
] as const satisfies ReadonlyArray<keyof Cadre>;

/** What createMany writes of each cadre (the columns of its INSERT). */
type BulkCreated =
  | 'fullName'
  | 'gender'
  | 'dateOfBirth'
  | 'unitId'
  | 'postId'
  | 'civilServiceCategory'
  | 'qualification'
  | 'politicalTheory'
  | 'partyMember'
  | 'partyJoinedOn'
  | 'status'
  | 'employmentEndedOn'
  | 'inPlanningPool'
  | 'planningPostId'
  | 'phone'
  | 'email';

/** The cadre register: lists, changes and their history. */
export class CadresService {
  constructor(
    private readonly units: UnitsService,
    private readonly cursors: CursorCodec,
  ) {}

  /**
   * A page of cadres the caller may see, by keyset pagination on (order key, id). The total is
   * counted only when asked for. VIEWER may not filter or sort by age (it cannot see birth dates).
   */
  async list(ctx: RequestContext, args: CadresArgs): Promise<CadreConnection> {
    const filter = args.filter ?? {};
    const words = filter.search !== undefined ? searchWords(filter.search) : [];
    const orderBy = args.orderBy ?? (words.length ? CadreOrder.RELEVANCE : CadreOrder.FULL_NAME_ASC);
    if (!seesProtectedData(ctx)) {
      if (filter.ageMin !== undefined) throw CadreErrors.viewerCannotUseDateOfBirth('filter.ageMin');
      if (filter.ageMax !== undefined) throw CadreErrors.viewerCannotUseDateOfBirth('filter.ageMax');
      if (orderBy === CadreOrder.DATE_OF_BIRTH_ASC) throw CadreErrors.viewerCannotUseDateOfBirth('orderBy');
    }
    // `after: null` is the first page, as Relay and Apollo Client send it.
    const after = args.after != null ? this.decodeCursor(args.after, orderBy) : undefined;
    // Hand-written SQL with plain row mapping: TypeORM's query building and hydration of the page
    // cost more than the statement (the bench's cadres-list).
    const base = await this.filtered(ctx, filter);
    if (!words.length) {
      const order = orderBy === CadreOrder.RELEVANCE ? RELEVANCE_WITHOUT_WORDS : ORDERS[orderBy];
      return this.orderedPage(ctx, base, undefined, order, orderBy, args.first, after);
    }
    if (orderBy !== CadreOrder.RELEVANCE) {
      // Every word as a substring; only when no name has them all, close spellings (trigram word
      // similarity) instead, so a typo still finds the person without flooding ordinary searches.
      const p = base.clone();
      const probe = (await ctx.manager.query(
        `SELECT c.id FROM cadre c ${p.where(searchSql(words, p).direct())} LIMIT 1`,
        p.params,
      )) as unknown[];
      return this.orderedPage(ctx, base, probe.length ? 'direct' : 'similar', ORDERS[orderBy], orderBy, args.first, after, words);
    }
    // RELEVANCE: tiers 0-2 first; the typo tier only when they are empty on the first page (then no
    // name has every word) or when the cursor is already in it.
    const typo = (): Promise<CadreConnection> =>
      this.orderedPage(ctx, base, 'similar', { expr: '', cast: 'text', dir: 'ASC' }, orderBy, args.first, after, words);
    const afterTier = after ? tierOf(after.key) : 0;
    if (afterTier === 3) return typo();
    const page = await this.tieredPage(ctx, base, words, args.first, after, afterTier);
    return !after && !page.edges.length ? typo() : page;
  }

  /**
   * A RELEVANCE page from tiers 0-2 in one statement: one CTE per tier, each walking its index in
   * name order with its own LIMIT, so no tier sorts all of its matches. A tier is read only while
   * the tiers before it leave the page short: its gate, an uncorrelated count of the earlier tiers'
   * rows, is a one-time filter that PostgreSQL checks before starting the tier's scan. A common
   * full name whose exact matches fill the page thus costs one btree range, not a trigram scan per
   * tier, and the statement count stays one whatever the page size.
   */
  private async tieredPage(
    ctx: RequestContext,
    base: Conditions,
    words: string[],
    first: number,
    after: { key: string; id: string } | undefined,
    fromTier: number,
  ): Promise<CadreConnection> {
    const reader = plainRows(ctx.manager, Cadre);
    const q = base.clone();
    const s = searchSql(words, q);
    const limit = q.bind(first + 1);
    const tiers: string[] = [];
    const ctes: string[] = [];
    for (let t = fromTier; t <= 2; t++) {
      const keyset =
        after && t === fromTier
          ? `(${NAME}, c.id) > (CAST(${q.bind(after.key.slice(2))} AS text), CAST(${q.bind(after.id)} AS uuid))`
          : undefined;
      const gate = tiers.length ? `${tiers.map((n) => `(SELECT count(*) FROM ${n})`).join(' + ')} < ${limit}` : undefined;
      // The tier's rows are found on (search_name, id) alone, which the name order index holds, so
      // a common word's walk reads index pages only (an index-only scan); the rows themselves are
      // fetched by id for the page's hits, not for every name the walk passes.
      ctes.push(
        `tier${t} AS MATERIALIZED (SELECT ${reader.columns('x')}, ${t} AS tier, hit.name_key FROM
           (SELECT c.id, ${NAME} AS name_key FROM cadre c ${q.where(s.tier(t), keyset, gate)}
             ORDER BY ${NAME}, c.id LIMIT ${limit}) hit
           JOIN cadre x ON x.id = hit.id)`,
      );
      tiers.push(`tier${t}`);
    }
    const rows = (await ctx.manager.query(
      `WITH ${ctes.join(', ')} ${tiers.map((n) => `SELECT * FROM ${n}`).join(' UNION ALL ')} ORDER BY tier, name_key, id LIMIT ${limit}`,
      q.params,
    )) as Array<Record<string, unknown> & { id: string; tier: number; name_key: string }>;
    const count = base.clone();
    return this.connection(
      ctx,
      reader,
      rows,
      (r) => `${r.tier} ${r.name_key}`,
      CadreOrder.RELEVANCE,
      first,
      after,
      count,
      searchSql(words, count).direct(),
    );
  }

  /** A page in one order spec, by keyset on (order key, id); `search` picks the name condition. */
  private async orderedPage(
    ctx: RequestContext,
    base: Conditions,
    search: 'direct' | 'similar' | undefined,
    spec: OrderSpec,
    o: CadreOrder,
    first: number,
    after: { key: string; id: string } | undefined,
    words: string[] = [],
  ): Promise<CadreConnection> {
    const reader = plainRows(ctx.manager, Cadre);
    const q = base.clone();
    const s = searchSql(words, q);
    const condition = search === 'direct' ? s.direct() : search === 'similar' ? s.similar() : undefined;
    const order = spec.expr ? spec : { ...spec, expr: s.similarKey() };
    const keyset = after
      ? `(${order.expr}, c.id) ${order.dir === 'ASC' ? '>' : '<'} (CAST(${q.bind(after.key)} AS ${order.cast}), CAST(${q.bind(after.id)} AS uuid))`
      : undefined;
    const rows = (await ctx.manager.query(
      `SELECT ${reader.columns('c')}, CAST(${order.expr} AS text) AS sort_key FROM cadre c ${q.where(condition, keyset)}
        ORDER BY ${order.expr} ${order.dir}, c.id ${order.dir} LIMIT ${q.bind(first + 1)}`,
      q.params,
    )) as Array<Record<string, unknown> & { id: string; sort_key: string }>;
    const count = base.clone();
    const cs = searchSql(words, count);
    const countCondition = search === 'direct' ? cs.direct() : search === 'similar' ? cs.similar() : undefined;
    return this.connection(ctx, reader, rows, (r) => r.sort_key, o, first, after, count, countCondition);
  }

  /** The connection over a page's rows (first + 1 of them at most); the total is counted only when asked for. */
  private connection<R extends Record<string, unknown> & { id: string }>(
    ctx: RequestContext,
    reader: ReturnType<typeof plainRows<Cadre>>,
    rows: R[],
    keyOf: (row: R) => string,
    o: CadreOrder,
    first: number,
    after: { key: string; id: string } | undefined,
    count: Conditions,
    countCondition: string | undefined,
  ): CadreConnection {
    const entities = reader.read(rows);
    const nodes = entities.slice(0, first);
    const edges = lazyEdges(nodes, (node, i) => this.cursors.encode({ o, k: keyOf(rows[i]!), i: node.id }));
    const connection = new CadreConnection();
    connection.edges = edges;
    connection.pageInfo = lazyPageInfo(edges, entities.length > first, after !== undefined);
    const countSql = `SELECT count(*)::int AS n FROM cadre c ${count.where(countCondition)}`;
    connection.countTotal = async () => ((await ctx.manager.query(countSql, count.params)) as Array<{ n: number }>)[0]!.n;
    return connection;
  }

  /** One cadre, or NOT_FOUND (also outside a UNIT_HEAD's subtree). */
  async findById(ctx: RequestContext, id: string): Promise<Cadre> {
    const cadre = await ctx.loaders.cadreById.load(id);
    if (!cadre) throw CadreErrors.cadreNotFound(id);
    const scope = await visibleSubtree(ctx);
    if (scope) {
      const unit = await ctx.loaders.unitById.load(cadre.unitId);
      if (!unit || !isWithin(unit, scope)) throw CadreErrors.cadreNotFound(id);
    }
    return cadre;
  }

  /** The cadre's history, oldest first, with protected values hidden from VIEWER. */
  async history(ctx: RequestContext, cadre: Cadre): Promise<CadreHistoryEntry[]> {
    const rows = await ctx.loaders.cadreHistory.load(cadre.id);
    const open = seesProtectedData(ctx);
    return rows.map((h) => ({
      id: h.seq,
      at: h.at,
      kind: h.kind,
      note: h.note,
      accountId: h.accountId,
      changes: Object.entries(h.changes).map(([field, change]): CadreFieldChange => {
        const hidden = !open && PROTECTED_FIELDS.has(field);
        return { field, from: hidden ? null : asText(change.from), to: hidden ? null : asText(change.to) };
      }),
    }));
  }

  /** Registers a cadre (ACTIVE) and writes a CREATED history entry. */
  async create(ctx: RequestContext, input: CreateCadreInput): Promise<Cadre> {
    const { unit, post, fields, changes } = await this.checkedNew(ctx, input);
    await this.assertPostFree(ctx, post, unit, null);
    const cadre = ctx.manager.create(Cadre, fields);
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.CREATED, changes, null);
    return cadre;
  }

  /**
   * A new cadre's columns and CREATED history entry from the input, checked by the rules every
   * registration follows (person rules, unit and post, planning); the caller checks the post is free.
   */
  private async checkedNew(
    ctx: RequestContext,
    input: CreateCadreInput,
  ): Promise<{ unit: Unit; post: Post; fields: Pick<Cadre, BulkCreated>; changes: ChangeSet }> {
    const fullName = normalizeName(input.fullName);
    const partyJoinedOn = input.partyJoinedOn ?? null;
    this.checkPersonRules({ dateOfBirth: input.dateOfBirth, partyMember: input.partyMember, partyJoinedOn });
    const unit = await this.requireUnit(ctx, input.unitId, 'input.unitId');
    const post = await this.requirePost(ctx, input.postId, 'input.postId');
    const planningPost = await this.checkPlanning(ctx, input.inPlanningPool, input.planningPostId ?? null);
    const fields: Pick<Cadre, BulkCreated> = {
      fullName,
      gender: input.gender,
      dateOfBirth: input.dateOfBirth,
      unitId: unit.id,
      postId: post.id,
      civilServiceCategory: input.civilServiceCategory,
      qualification: input.qualification,
      politicalTheory: input.politicalTheory,
      partyMember: input.partyMember,
      partyJoinedOn,
      status: EmploymentStatus.ACTIVE,
      employmentEndedOn: null,
      inPlanningPool: input.inPlanningPool,
      planningPostId: planningPost?.id ?? null,
      phone: input.phone?.trim() ?? null,
      email: input.email?.trim().toLowerCase() ?? null,
    };
    const changes: ChangeSet = {
      fullName: { from: null, to: fullName },
      gender: { from: null, to: input.gender },
      dateOfBirth: { from: null, to: input.dateOfBirth },
      unit: { from: null, to: unit.name },
      post: { from: null, to: post.name },
      status: { from: null, to: EmploymentStatus.ACTIVE },
    };
    return { unit, post, fields, changes };
  }

  /**
   * Registers many cadres at once (an import): each input is checked by the rules of
   * {@link create} (person rules, unit and post, planning, one holder per single-holder post,
   * also among the inputs), all before anything is written; then the cadres and their CREATED
   * history entries go in with one multi-row INSERT each per 5,000. A refusal is the error
   * `create` would give, with `details.index` naming the input, and nothing is written. Returns
   * the new ids in input order. `note` goes into every history entry (the file's name).
   */
  async createMany(ctx: RequestContext, inputs: readonly CreateCadreInput[], note: string | null = null): Promise<string[]> {
    const rows: Array<{ id: string; cadre: Pick<Cadre, BulkCreated>; changes: ChangeSet }> = [];
    const slots = new Map<string, string>();
    for (const [index, input] of inputs.entries()) {
      try {
        const { unit, post, fields, changes } = await this.checkedNew(ctx, input);
        if (post.singleHolder) {
          const slot = `${unit.id}|${post.id}`;
          const earlier = slots.get(slot);
          if (earlier !== undefined) throw CadreErrors.postTaken(post.name, unit.name, { id: '', fullName: earlier });
          await this.assertPostFree(ctx, post, unit, null);
          slots.set(slot, fields.fullName);
        }
        rows.push({ id: randomUUID(), cadre: fields, changes });
      } catch (err) {
        if (err instanceof AppError) err.details['index'] = index;
        throw err;
      }
    }
    type Row = (typeof rows)[number];
    const c = (name: string, type: string, value: (r: Row) => unknown): BulkColumn<Row> => ({ name, type, value });
    await bulkInsert(
      ctx.manager,
      'cadre',
      [
        c('id', 'uuid', (r) => r.id),
        c('full_name', 'text', (r) => r.cadre.fullName),
        c('gender', 'gender', (r) => r.cadre.gender),
        c('date_of_birth', 'date', (r) => r.cadre.dateOfBirth),
        c('unit_id', 'uuid', (r) => r.cadre.unitId),
        c('post_id', 'uuid', (r) => r.cadre.postId),
        c('civil_service_category', 'civil_service_category', (r) => r.cadre.civilServiceCategory),
        c('qualification', 'qualification', (r) => r.cadre.qualification),
        c('political_theory', 'political_theory', (r) => r.cadre.politicalTheory),
        c('party_member', 'boolean', (r) => r.cadre.partyMember),
        c('party_joined_on', 'date', (r) => r.cadre.partyJoinedOn),
        c('status', 'employment_status', (r) => r.cadre.status),
        c('employment_ended_on', 'date', (r) => r.cadre.employmentEndedOn),
        c('in_planning_pool', 'boolean', (r) => r.cadre.inPlanningPool),
        c('planning_post_id', 'uuid', (r) => r.cadre.planningPostId),
        c('phone', 'text', (r) => r.cadre.phone),
        c('email', 'text', (r) => r.cadre.email),
        c('version', 'integer', () => 1),
      ],
      rows,
    );
    const accountId = ctx.account?.id ?? null;
    await bulkInsert(
      ctx.manager,
      'cadre_history',
      [
        c('cadre_id', 'uuid', (r) => r.id),
        c('kind', 'cadre_change_kind', () => CadreChangeKind.CREATED),
        c('changes', 'jsonb', (r) => JSON.stringify(r.changes)),
        c('account_id', 'uuid', () => accountId),
        c('note', 'text', () => note),
      ],
      rows,
    );
    return rows.map((r) => r.id);
  }

  /** Changes a cadre's own data; records the fields that changed. No change, no new version. */
  async update(ctx: RequestContext, input: UpdateCadreInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (input.status !== undefined && !CURRENT_STATUSES.includes(cadre.status))
      throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    const next: Pick<Cadre, (typeof UPDATABLE)[number]> = {
      fullName: input.fullName !== undefined ? normalizeName(input.fullName) : cadre.fullName,
      gender: input.gender ?? cadre.gender,
      dateOfBirth: input.dateOfBirth ?? cadre.dateOfBirth,
      civilServiceCategory: input.civilServiceCategory ?? cadre.civilServiceCategory,
      qualification: input.qualification ?? cadre.qualification,
      politicalTheory: input.politicalTheory ?? cadre.politicalTheory,
      partyMember: input.partyMember ?? cadre.partyMember,
      partyJoinedOn: input.partyJoinedOn !== undefined ? input.partyJoinedOn : cadre.partyJoinedOn,
      inPlanningPool: input.inPlanningPool ?? cadre.inPlanningPool,
      planningPostId: input.planningPostId !== undefined ? input.planningPostId : cadre.planningPostId,
      phone: input.phone !== undefined ? (input.phone?.trim() ?? null) : cadre.phone,
      email: input.email !== undefined ? (input.email?.trim().toLowerCase() ?? null) : cadre.email,
      status: input.status ?? cadre.status,
    };
    // Leaving the Party or the pool clears what only makes sense inside it, unless given explicitly.
    if (!next.partyMember && input.partyJoinedOn === undefined) next.partyJoinedOn = null;
    if (!next.inPlanningPool && input.planningPostId === undefined) next.planningPostId = null;
    this.checkPersonRules(next);
    const planningPost = await this.checkPlanning(ctx, next.inPlanningPool, next.planningPostId);

    const changes: ChangeSet = {};
    for (const field of UPDATABLE) {
      if (next[field] === cadre[field]) continue;
      if (field === 'planningPostId') {
        const before = cadre.planningPostId ? await ctx.loaders.postById.load(cadre.planningPostId) : null;
        changes['planningPost'] = { from: before?.name ?? null, to: planningPost?.name ?? null };
      } else {
        changes[field] = { from: cadre[field], to: next[field] };
      }
    }
    if (!Object.keys(changes).length) return cadre;
    Object.assign(cadre, next);
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.UPDATED, changes, input.note ?? null);
    return cadre;
  }

  /**
   * Transfer, rotation or appointment: a new unit and/or post. A single-holder post with a
   * current holder is a CONFLICT naming the holder. Appointment to the post a cadre was planned
   * for takes the cadre out of the planning pool.
   */
  async move(ctx: RequestContext, input: MoveCadreInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (!CURRENT_STATUSES.includes(cadre.status)) throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    const [fromUnit, fromPost] = await Promise.all([
      ctx.loaders.unitById.load(cadre.unitId),
      ctx.loaders.postById.load(cadre.postId),
    ]);
    const unit = input.unitId ? await this.requireUnit(ctx, input.unitId, 'input.unitId') : fromUnit!;
    const post = input.postId ? await this.requirePost(ctx, input.postId, 'input.postId') : fromPost!;
    if (unit.id === cadre.unitId && post.id === cadre.postId) throw CadreErrors.nothingToMove();
    await this.assertPostFree(ctx, post, unit, cadre.id);
    const changes: ChangeSet = {};
    if (unit.id !== cadre.unitId) changes['unit'] = { from: fromUnit?.name ?? null, to: unit.name };
    if (post.id !== cadre.postId) changes['post'] = { from: fromPost?.name ?? null, to: post.name };
    if (cadre.inPlanningPool && cadre.planningPostId === post.id) {
      changes['inPlanningPool'] = { from: true, to: false };
      changes['planningPost'] = { from: post.name, to: null };
      cadre.inPlanningPool = false;
      cadre.planningPostId = null;
    }
    cadre.unitId = unit.id;
    cadre.postId = post.id;
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, HISTORY_KIND_OF_MOVE[input.kind], changes, input.note ?? null);
    return cadre;
  }

  /** Ends employment (rotated out, retired, dismissed); the post becomes free. */
  async endEmployment(ctx: RequestContext, input: EndCadreEmploymentInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (!CURRENT_STATUSES.includes(cadre.status)) throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    if (input.endedOn > todayInVietnam()) throw CadreErrors.rule('input.endedOn', 'must not be in the future');
    if (input.endedOn < cadre.dateOfBirth) throw CadreErrors.rule('input.endedOn', 'must not be before the date of birth');
    const changes: ChangeSet = {
      status: { from: cadre.status, to: input.status },
      employmentEndedOn: { from: null, to: input.endedOn },
    };
    if (cadre.inPlanningPool) changes['inPlanningPool'] = { from: true, to: false };
    cadre.status = input.status;
    cadre.employmentEndedOn = input.endedOn;
    cadre.inPlanningPool = false;
    cadre.planningPostId = null;
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.EMPLOYMENT_ENDED, changes, input.note ?? null);
    return cadre;
  }

  /** The caller's scope plus the filter as conditions on `cadre c`, no order or limit. */
  private async filtered(ctx: RequestContext, f: CadreFilter): Promise<Conditions> {
    const q = new Conditions();
    const scope = await visibleSubtree(ctx);
    if (scope) q.add(`c.unit_id IN (SELECT s.id FROM unit s WHERE s.path LIKE ${q.bind(`${scope.path}%`)})`);
    if (f.unitId !== undefined) {
      const unit = await this.units.findById(ctx, f.unitId);
      q.add(`c.unit_id IN (SELECT w.id FROM unit w WHERE w.path LIKE ${q.bind(`${unit.path}%`)})`);
    }
    if (f.body !== undefined) q.add(`c.unit_id IN (SELECT b.id FROM unit b WHERE b.body = ${q.bind(f.body)})`);
    if (f.isManager !== undefined) q.add(`c.post_id IN (SELECT p.id FROM post p WHERE p.is_management = ${q.bind(f.isManager)})`);
    if (f.gender !== undefined) q.add(`c.gender = ${q.bind(f.gender)}`);
    if (f.qualification !== undefined) q.add(`c.qualification = ${q.bind(f.qualification)}`);
    if (f.partyMember !== undefined) q.add(`c.party_member = ${q.bind(f.partyMember)}`);
    if (f.status !== undefined) q.add(`c.status = ${q.bind(f.status)}`);
    if (f.inPlanningPool !== undefined) q.add(`c.in_planning_pool = ${q.bind(f.inPlanningPool)}`);
    if (f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax) {
      throw badInput('filter.ageMin must not be greater than filter.ageMax', [
        { path: 'filter.ageMin', message: 'greater than ageMax' },
      ]);
    }
    const today = todayInVietnam();
    // Age a ⇔ born on or before today minus a years; age ≤ b ⇔ born after today minus b+1 years.
    if (f.ageMin !== undefined) q.add(`c.date_of_birth <= CAST(${q.bind(addYears(today, -f.ageMin))} AS date)`);
    if (f.ageMax !== undefined) q.add(`c.date_of_birth > CAST(${q.bind(addYears(today, -(f.ageMax + 1)))} AS date)`);
    return q;
  }

  private decodeCursor(cursor: string, orderBy: CadreOrder): { key: string; id: string } {
    const payload = this.cursors.decode(cursor, 'after');
    const { o, k, i } = payload;
    if (o !== orderBy) {
      throw badInput('after: the cursor belongs to another order; use the same orderBy as the page it came from', [
        { path: 'after', message: 'cursor of another order' },
      ]);
    }
    if (typeof k !== 'string' || typeof i !== 'string' || !isUUID(i))
      throw badInput('after is not a cursor this server issued', [{ path: 'after', message: 'invalid cursor' }]);
    return { key: k, id: i };
  }

  /** Locks the row for this transaction, then refuses a stale version. */
  private async lockForChange(ctx: RequestContext, id: string, version: number): Promise<Cadre> {
    const cadre = await ctx.manager.findOne(Cadre, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!cadre) throw CadreErrors.cadreNotFound(id);
    assertVersion('Cadre', cadre, version);
    return cadre;
  }

  private checkPersonRules(p: { dateOfBirth: string; partyMember: boolean; partyJoinedOn: string | null }): void {
    const today = todayInVietnam();
    if (p.dateOfBirth > today) throw CadreErrors.rule('input.dateOfBirth', 'must not be in the future');
    if (p.dateOfBirth < '1900-01-01') throw CadreErrors.rule('input.dateOfBirth', 'must be after 1900-01-01');
    if (addYears(p.dateOfBirth, 18) > today) throw CadreErrors.rule('input.dateOfBirth', 'a cadre must be at least 18 years old');
    if (p.partyMember && !p.partyJoinedOn) throw CadreErrors.rule('input.partyJoinedOn', 'required for a Party member');
    if (!p.partyMember && p.partyJoinedOn)
      throw CadreErrors.rule('input.partyJoinedOn', 'only for Party members (set partyMember to true)');
    if (p.partyJoinedOn) {
      if (p.partyJoinedOn > today) throw CadreErrors.rule('input.partyJoinedOn', 'must not be in the future');
      if (p.partyJoinedOn < addYears(p.dateOfBirth, 18))
        throw CadreErrors.rule('input.partyJoinedOn', 'must be on or after the 18th birthday');
    }
  }

  private async checkPlanning(ctx: RequestContext, inPool: boolean, planningPostId: string | null): Promise<Post | null> {
    if (!planningPostId) return null;
    if (!inPool) throw CadreErrors.rule('input.planningPostId', 'only for cadres in the planning pool (inPlanningPool: true)');
    return this.requirePost(ctx, planningPostId, 'input.planningPostId');
  }

  /** A unit referenced by an input: unknown (or outside the caller's subtree) is BAD_USER_INPUT at `path`. */
  private async requireUnit(ctx: RequestContext, id: string, path: string): Promise<Unit> {
    const [unit, scope] = await Promise.all([ctx.loaders.unitById.load(id), visibleSubtree(ctx)]);
    if (!unit || !isWithin(unit, scope)) throw CadreErrors.unknownReference(path, 'unit', id);
    if (!unit.body) throw CadreErrors.rule(path, `"${unit.name}" spans all bodies; choose a unit of one body`);
    return unit;
  }

  private async requirePost(ctx: RequestContext, id: string, path: string): Promise<Post> {
    const post = await ctx.loaders.postById.load(id);
    if (!post) throw CadreErrors.unknownReference(path, 'post', id);
    return post;
  }

  /**
   * A single-holder post takes one current holder per unit. The post row is locked first, so two
   * concurrent appointments to the same post are serialised and the second sees the first.
   */
  private async assertPostFree(ctx: RequestContext, post: Post, unit: Unit, exceptCadreId: string | null): Promise<void> {
    if (!post.singleHolder) return;
    await ctx.manager.query('SELECT id FROM post WHERE id = $1 FOR UPDATE', [post.id]);
    const [holder] = (await ctx.manager.query(
      `SELECT id, full_name AS "fullName" FROM cadre
        WHERE unit_id = $1 AND post_id = $2 AND status = ANY($3::employment_status[]) AND ($4::uuid IS NULL OR id <> $4::uuid)
        ORDER BY created_at LIMIT 1`,
      [unit.id, post.id, CURRENT_STATUSES, exceptCadreId],
    )) as Array<{ id: string; fullName: string }>;
    if (holder) throw CadreErrors.postTaken(post.name, unit.name, holder);
  }

  private async record(
    ctx: RequestContext,
    cadreId: string,
    kind: CadreChangeKind,
    changes: ChangeSet,
    note: string | null,
  ): Promise<void> {
    await ctx.manager.save(
      ctx.manager.create(CadreHistory, { cadreId, kind, changes, note, accountId: ctx.account?.id ?? null }),
    );
  }
}
