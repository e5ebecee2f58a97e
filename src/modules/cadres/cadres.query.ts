import { isUUID } from 'class-validator';
import type DataLoader from 'dataloader';
import { RESOLUTION_STATES } from './resolution-figures';
import { badInput } from '../../common/errors';
import { addYears, todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { plainRows } from '../../db/plain-rows';
import { visibleSubtree } from '../units/unit-scope';
import type { UnitsService } from '../units/units.service';
import { CadreOrder } from './cadre.enums';
import { Cadre } from './cadre.entity';
import { CadreErrors } from './cadres.errors';
import type { CadreFilter, CadresArgs } from './cadres.inputs';
import { seesProtectedData } from './cadres.service';
import { CadreConnection } from './cadres.types';

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
  [CadreOrder.FULL_NAME_ASC]: { expr: '(c.full_name COLLATE vietnamese)', cast: 'text', dir: 'ASC' },
  [CadreOrder.DATE_OF_BIRTH_ASC]: { expr: 'c.date_of_birth', cast: 'date', dir: 'ASC' },
  [CadreOrder.CREATED_AT_DESC]: { expr: 'c.created_at', cast: 'timestamptz', dir: 'DESC' },
};

const NAME = 'c.search_name';
/**
 * Names in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the letters): the ICU
 * collation `vietnamese` (see its migration), which `cadre_full_name_order_idx` is built with.
 * `search_name` drops the diacritics, so it sorted Đặng before Dương; it still does the matching.
 */
const SORT_NAME = '(c.full_name COLLATE vietnamese)';
/** The words of the name and the name itself, as `cadre_search_words_idx` indexes them (see its migration). */
const WORDS = `array_append(string_to_array(${NAME}, ' '), ${NAME})`;
/** The last tier of tiered RELEVANCE (every word as part of a word); the typo tier comes after it. */
const LAST_TIER = 4;
const TYPO_TIER = 5;

/**
 * RELEVANCE ranks a name in a tier, then in Vietnamese name order: 0 the exact name as typed
 * (case aside); 1 the exact name without diacritics; 2 every word as a whole word as typed (so
 * "Thành" puts a Thành before a Thanh or Thạnh); 3 every word as a whole word without diacritics;
 * 4 every word as part of a word; 5 matched only by trigram similarity (a typo), closest first.
 * The cursor key is the tier digit, a space and the name (tier 5: the distance, then the name).
 */
interface SearchSql {
  /** Every word as an accent-free substring: the set tiers 0-4 partition. */
  direct(): string;
  /** The condition of tier 0 to 4 (each implies `direct`, and they exclude each other). */
  tier(t: number): string;
  /** Trigram word similarity: the typo fallback, only when no name has every word. */
  similar(): string;
  /** The typo tier's order key: fixed-width distance (text order is numeric order), then the name. */
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
  // The same with the diacritics as typed (lower case by the ICU collation's rules, so Đ is đ);
  // only ever checked on rows the accent-free conditions above already found.
  const typed = () => `lower(CAST(${allWords()} AS text) COLLATE vietnamese)`;
  const exactTyped = () => `lower(c.full_name COLLATE vietnamese) = ${typed()}`;
  const wholeTyped = () => `string_to_array(lower(c.full_name COLLATE vietnamese), ' ') @> string_to_array(${typed()}, ' ')`;
  const tiers = [
    () => `(${NAME} = ${all()} AND ${exactTyped()})`,
    () => `(${NAME} = ${all()} AND NOT (${exactTyped()}))`,
    () => `(${whole()} AND ${NAME} <> ${all()} AND ${wholeTyped()})`,
    () => `(${whole()} AND ${NAME} <> ${all()} AND NOT (${wholeTyped()}))`,
    () => `(${part()} AND NOT (${whole()}))`,
  ];
  return {
    direct: () => `(${part()})`,
    tier: (t) => tiers[t]!(),
    similar: () => `${all()} <% ${NAME}`,
    similarKey: () =>
      `(CAST('${TYPO_TIER} ' AS text) || to_char(1 - word_similarity(${all()}, ${NAME}), 'FM0.0000') || ' ' || c.full_name) COLLATE vietnamese`,
  };
}

/** RELEVANCE without words: by name, as tier 0. */
const RELEVANCE_WITHOUT_WORDS: OrderSpec = {
  expr: `(CAST('0 ' AS text) || c.full_name) COLLATE vietnamese`,
  cast: 'text',
  dir: 'ASC',
};

const invalidCursor = () =>
  badInput(
    'after không phải con trỏ trang do máy chủ này cấp; hãy bắt đầu lại không có nó',
    [{ path: 'after', message: 'invalid cursor' }],
    'INVALID_CURSOR',
  );

/** The tier of a RELEVANCE cursor key ("<digit> ..."). */
function tierOf(key: string): number {
  const t = key.charCodeAt(0) - 48;
  if (!(t >= 0 && t <= TYPO_TIER) || key[1] !== ' ') throw invalidCursor();
  return t;
}

/** Words of a search string: NFC, trimmed, single-spaced, at most 8 words. */
function searchWords(search: string): string[] {
  return search.normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The cadre register's list and search: filters, the caller's scope, name search tiers and keyset pagination. */
export class CadresQueryService {
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
      const page = await this.orderedPage(ctx, base, undefined, order, orderBy, args.first, after);
      page.stated = () => this.statedTotal(ctx, filter);
      return page;
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
    // RELEVANCE: tiers 0-4 first; the typo tier only when they are empty on the first page (then no
    // name has every word) or when the cursor is already in it.
    const typo = (): Promise<CadreConnection> =>
      this.orderedPage(ctx, base, 'similar', { expr: '', cast: 'text', dir: 'ASC' }, orderBy, args.first, after, words);
    const afterTier = after ? tierOf(after.key) : 0;
    if (afterTier === TYPO_TIER) return typo();
    const page = await this.tieredPage(ctx, base, words, args.first, after, afterTier);
    return !after && !page.edges.length ? typo() : page;
  }

  /**
   * A RELEVANCE page from tiers 0-4 in one statement: one CTE per tier, each walking its index in
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
    for (let t = fromTier; t <= LAST_TIER; t++) {
      const keyset =
        after && t === fromTier
          ? `(${SORT_NAME}, c.id) > (CAST(${q.bind(after.key.slice(2))} AS text), CAST(${q.bind(after.id)} AS uuid))`
          : undefined;
      const gate = tiers.length ? `${tiers.map((n) => `(SELECT count(*) FROM ${n})`).join(' + ')} < ${limit}` : undefined;
      // The tier's rows are found on (full_name, id) and search_name alone, which the name order
      // index holds (search_name as an included column), so a common word's walk reads index pages
      // only (an index-only scan); the rows themselves are fetched by id for the page's hits, not
      // for every name the walk passes.
      ctes.push(
        `tier${t} AS MATERIALIZED (SELECT ${reader.columns('x')}, ${t} AS tier, hit.name_key FROM
           (SELECT c.id, ${SORT_NAME} AS name_key FROM cadre c ${q.where(s.tier(t), keyset, gate)}
             ORDER BY ${SORT_NAME}, c.id LIMIT ${limit}) hit
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

  /**
   * Look-ahead for a page: when the document asks for the cadres' `unit`, or `post` or
   * `isManager`, their batches are read now, through the request's loaders (the very statements
   * the field resolvers would send: one `unitById` and one `postById` batch, keys in page order),
   * and set on the rows, so those fields resolve without a promise per row.
   */
  async preload(ctx: RequestContext, cadres: Cadre[], fields: ReadonlySet<string>): Promise<void> {
    // Each distinct key once (the loaders' own order: first appearance), a promise per key, not per row.
    const load = async <V>(loader: DataLoader<string, V>, keys: string[]): Promise<Map<string, V | Error>> => {
      const distinct = [...new Set(keys)];
      const values = await loader.loadMany(distinct);
      return new Map(distinct.map((key, i) => [key, values[i]!]));
    };
    const [units, posts] = await Promise.all([
      fields.has('unit')
        ? load(
            ctx.loaders.unitById,
            cadres.map((c) => c.unitId),
          )
        : undefined,
      fields.has('post') || fields.has('isManager')
        ? load(
            ctx.loaders.postById,
            cadres.map((c) => c.postId),
          )
        : undefined,
    ]);
    for (const cadre of cadres) {
      // A missing row or a failed batch is left to the field resolver, which reports it as before.
      const unit = units?.get(cadre.unitId);
      if (unit && !(unit instanceof Error)) cadre.unit = unit;
      const post = posts?.get(cadre.postId);
      if (post && !(post instanceof Error)) cadre.post = post;
    }
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

  /** The caller's scope plus the filter as conditions on `cadre c`, no order or limit. */
  /**
   * The resolution's stated total beside the count, when the list is the ward it describes: no
   * filter but the ward's own root unit, a caller who sees the whole register, and a register whose
   * one root is that ward's Party committee (a generated province or a test register has none).
   */
  private async statedTotal(ctx: RequestContext, f: CadreFilter): Promise<{ total: number; note: string } | null> {
    const { unitId, ...rest } = f;
    if (Object.values(rest).some((v) => v !== undefined && v !== null)) return null;
    if (await visibleSubtree(ctx)) return null;
    const roots = (await ctx.manager.query(`SELECT id, name FROM unit WHERE parent_id IS NULL LIMIT 2`)) as Array<{
      id: string;
      name: string;
    }>;
    if (roots.length !== 1 || !roots[0]!.name.endsWith(RESOLUTION_STATES.ward)) return null;
    if (unitId != null && unitId !== roots[0]!.id) return null;
    return { total: RESOLUTION_STATES.cadres, note: RESOLUTION_STATES.note };
  }

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
      throw badInput(
        'filter.ageMin không được lớn hơn filter.ageMax',
        [{ path: 'filter.ageMin', message: 'lớn hơn ageMax', code: 'AGE_RANGE_INVERTED' }],
        'AGE_RANGE_INVERTED',
      );
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
      throw badInput(
        'after: con trỏ này thuộc một thứ tự khác; hãy dùng cùng orderBy với trang đã cho nó',
        [{ path: 'after', message: 'con trỏ của thứ tự khác', code: 'CURSOR_OF_ANOTHER_ORDER' }],
        'CURSOR_OF_ANOTHER_ORDER',
      );
    }
    if (typeof k !== 'string' || typeof i !== 'string' || !isUUID(i)) throw invalidCursor();
    return { key: k, id: i };
  }
}
