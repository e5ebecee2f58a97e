import { isDeepStrictEqual } from 'node:util';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { type AnyScenario, defineScenario } from '../scenario';

/**
 * The cadre-list scenarios, on the data set `generateData` wrote (`--scales`): a page of
 * `cadres` with `fullName post { name } isManager unit { name }`, without and with a name search,
 * against a `node:http` handler that replays the very statements TypeORM sends for the request
 * (captured at setup through the app's query logger) with the same parameters through `pg`.
 */

/** INSPECTION_COMMITTEE: sees the whole register (no unit scope), so the list spans every ward. */
const EMAIL = 'kiemtra@anbien.test';
const PAGE = 50;
/** Page sizes whose SQL count is reported: it must not grow with the page. */
const PAGE_SIZES = [10, 50, 100] as const;

const QUERY =
  'query Cadres($first: Int!, $filter: CadreFilter) { cadres(first: $first, filter: $filter) ' +
  '{ edges { node { fullName post { name } isManager unit { name } } } } }';

type Filter = { search: string } | undefined;

interface Node {
  fullName: string;
  post: { name: string };
  isManager: boolean;
  unit: { name: string };
}
type Answer = { cadres: { edges: Array<{ node: Node }> } };

/** The statements one GraphQL request sends besides the account lookup, as captured. */
interface Plan {
  /**
   * Search (RELEVANCE) only: the tiered page (exact name, whole words, parts of words: a UNION ALL,
   * LIMIT first + 1). When it is empty, no name has every word and the app sends the typo page.
   */
  tiered: CapturedStatement | null;
  /** The page whose rows are the answer: the tiered page, or a page with a sort key, LIMIT first + 1. */
  page: CapturedStatement;
  /** `unitById` batch: `= ANY($1)` over the page's distinct unit ids (null: an empty page, no batch). */
  units: CapturedStatement | null;
  /** `postById` batch, likewise. */
  posts: CapturedStatement | null;
}

interface State {
  token: string;
  auth: BaselineAuth;
  plan: Plan;
  filter: Filter;
  /** EXPLAIN ANALYZE of the page statement (and the tiered page of a search), for the JSON results. */
  plans: Record<string, string[]>;
  /** Cadres on the page the benchmark measures, and the first one's name. */
  rows: number;
  first: string | null;
}

const body = (first: number, filter: Filter) =>
  JSON.stringify({ query: QUERY, operationName: 'Cadres', variables: filter ? { first, filter } : { first } });

const post = (path: string, token: string, filter: Filter): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: body(PAGE, filter),
});

const CADRE_FROM = /\bFROM\s+cadre\s+c\b/i;

/** Sorts one request's statements into the plan; anything unexpected is an error (the baseline must do the same work). */
function planOf(statements: CapturedStatement[], accountSql: string, search: boolean): Plan {
  const rest = statements.filter((s) => s.query !== accountSql);
  const failure = (what: string, n: number) =>
    new Error(`expected one ${what} statement, found ${n} among: ${JSON.stringify(statements, null, 2)}`);
  /** The one statement that passes `test`, or null when none does. */
  const find = (what: string, test: (s: CapturedStatement) => boolean): CapturedStatement | null => {
    const found = rest.filter(test);
    if (found.length > 1) throw failure(what, found.length);
    return found[0] ?? null;
  };
  const pick = (what: string, test: (s: CapturedStatement) => boolean): CapturedStatement => {
    const found = find(what, test);
    if (!found) throw failure(what, 0);
    return found;
  };
  const tiered = search ? pick('tiered page', (s) => CADRE_FROM.test(s.query) && s.query.includes('UNION ALL')) : null;
  const sorted = (search ? find : pick)('page', (s) => CADRE_FROM.test(s.query) && s.query.includes('sort_key'));
  const page = sorted ?? tiered!;
  // An empty page loads no unit or post.
  const units = find('unit', (s) => /\bFROM\s+"unit"\s+x\s+WHERE\s+x\.id\s+=\s+ANY/i.test(s.query));
  const posts = find('post', (s) => /\bFROM\s+"post"\s+x\s+WHERE\s+x\.id\s+=\s+ANY/i.test(s.query));
  const known = new Set([page, tiered, units, posts]);
  const unknown = rest.filter((s) => !known.has(s));
  if (unknown.length)
    throw new Error(`the request sent statements the baseline does not replay: ${JSON.stringify(unknown, null, 2)}`);
  return { tiered, page, units, posts };
}

/** The page statement searches by trigram similarity (no name contains every word). */
const similarityBranch = (plan: Plan) => plan.page.query.includes('<%');

/** Distinct values in order of first appearance: the key order DataLoader batches in. */
function distinct(values: unknown[]): unknown[] {
  return [...new Set(values)];
}

/** What the baseline does for one request, after the token check: the plan's statements and the JSON. */
async function answer(plan: Plan, db: BaselineDb): Promise<Answer> {
  let rows: Array<Record<string, unknown>> | undefined;
  if (plan.tiered) {
    rows = (await db.query(plan.tiered.query, plan.tiered.parameters)).slice(0, PAGE);
    // As the app: an empty tiered page means no name has every word, so the typo page follows.
    // The data are fixed, so this picks the branch captured at setup.
    if (!rows.length !== (plan.page !== plan.tiered))
      throw new Error('the tiered page chose the other branch than the captured statements');
  }
  if (plan.page !== plan.tiered) rows = (await db.query(plan.page.query, plan.page.parameters)).slice(0, PAGE);
  rows ??= [];
  if (!rows.length) return { cadres: { edges: [] } };
  if (!plan.units || !plan.posts) throw new Error('the page has rows but the app loaded no unit or post for it at setup');
  const [units, posts] = await Promise.all([
    db.query(plan.units.query, [distinct(rows.map((r) => r['unit_id']))]),
    db.query(plan.posts.query, [distinct(rows.map((r) => r['post_id']))]),
  ]);
  const unitName = new Map(units.map((u) => [u['id'], u['name'] as string]));
  const postOf = new Map(posts.map((p) => [p['id'], p]));
  return {
    cadres: {
      edges: rows.map((r) => {
        const p = postOf.get(r['post_id']);
        return {
          node: {
            fullName: r['full_name'] as string,
            post: { name: p?.['name'] as string },
            isManager: (p?.['is_management'] as boolean | undefined) ?? false,
            unit: { name: unitName.get(r['unit_id'])! },
          },
        };
      }),
    },
  };
}

/** Checks the replay asks for what the app asked for: the same ids, in the same order, as the same parameters. */
async function checkReplay(env: BenchEnv, plan: Plan): Promise<void> {
  const rows = (await env.pool.query<Record<string, unknown>>(plan.page.query, plan.page.parameters)).rows.slice(0, PAGE);
  for (const [what, captured, ids] of [
    ['unit', plan.units, [distinct(rows.map((r) => r['unit_id']))]],
    ['post', plan.posts, [distinct(rows.map((r) => r['post_id']))]],
  ] as const) {
    if (!captured ? ids[0]!.length > 0 : !isDeepStrictEqual(captured.parameters, ids)) {
      throw new Error(
        `the baseline would look up other ${what} ids than the app: ${JSON.stringify({ app: captured?.parameters ?? null, baseline: ids })}`,
      );
    }
  }
}

function cadresScenario(opts: { name: string; description: string; search?: string }): AnyScenario {
  const filter: Filter = opts.search === undefined ? undefined : { search: opts.search };
  return defineScenario<State>({
    name: opts.name,
    description: opts.description,
    goalRatio: 0.5,
    p99GoalMs: 50,
    async setup(env) {
      const token = await env.login(EMAIL);
      const run = async (first: number) => {
        const res = await env.gql<Answer>(QUERY, filter ? { first, filter } : { first }, token);
        if (res.status !== 200 || !res.body.data?.cadres)
          throw new Error(`${opts.name}: cadres failed: ${JSON.stringify(res.body)}`);
        return res;
      };
      const auth = await prepareBaselineAuth(env, token, () => run(PAGE));
      const { result, statements } = await env.captureSql(() => run(PAGE));
      // An empty page is possible (a search on the ward data set) and still measured: the
      // statements run all the same, and `rowsOnPage` in the details says so.
      const edges = result.body.data!.cadres.edges;
      const plan = planOf(statements, auth.accountSql, filter !== undefined);
      await checkReplay(env, plan);
      const plans: Record<string, string[]> = {};
      for (const [what, statement] of [
        ['tiered', plan.tiered],
        ['page', plan.page],
      ] as const) {
        if (!statement || (what === 'page' && statement === plan.tiered)) continue;
        const { rows } = await env.pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`,
          statement.parameters,
        );
        plans[what] = rows.map((r) => r['QUERY PLAN']);
      }
      return { token, auth, plan, plans, filter, rows: edges.length, first: edges[0]?.node.fullName ?? null };
    },
    graphqlRequest: ({ token, filter }) => post('/graphql', token, filter),
    baselineRequest: ({ token, filter }) => post('/cadres', token, filter),
    baselineHandler:
      ({ auth, plan }) =>
      async (req, db) => {
        const outcome = await auth.authenticate(req, db);
        if ('refused' in outcome) return outcome.refused;
        return { status: 200, body: { data: await answer(plan, db) } };
      },
    async sqlByPageSize({ token, filter }, env) {
      const out: Record<string, number> = {};
      for (const first of PAGE_SIZES) {
        const res = await env.gql<Answer>(QUERY, filter ? { first, filter } : { first }, token);
        if (res.status !== 200 || !res.body.data?.cadres) {
          throw new Error(`${opts.name}: first: ${first} failed: ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        out[`first: ${first}`] = res.sql;
        out[`rows at first: ${first}`] = res.body.data.cadres.edges.length;
      }
      return out;
    },
    details: ({ plan, plans, auth, rows, first }, env) => ({
      query: QUERY,
      rowsOnPage: rows,
      firstResult: first,
      searchBranch: filter ? (similarityBranch(plan) ? 'trigram similarity' : 'every word') : null,
      variables: filter ? { first: PAGE, filter } : { first: PAGE },
      dataset: env.dataset,
      baselineSql: [
        { query: auth.accountSql, parameters: ['<account id from the token>'] },
        ...[...new Set([plan.tiered, plan.page]), plan.units, plan.posts].filter((s) => s !== null),
      ],
      explainAnalyze: plans,
    }),
    expect: {
      graphql: { status: 200, bodyIncludes: '"edges":[', bodyExcludes: '"errors"' },
      baseline: { status: 200, bodyIncludes: '"edges":[', bodyExcludes: '"errors"' },
    },
  });
}

export const cadresListScenario = cadresScenario({
  name: 'cadres-list',
  description: `\`cadres(first: ${PAGE})\` (by name) with \`fullName post { name } isManager unit { name }\` as ${EMAIL} vs node:http + jose + pg replaying the same statements`,
});

export const cadresSearchNameScenario = cadresScenario({
  name: 'cadres-search-name',
  description: `the same page, \`filter: { search: "nguyen van hung" }\` (a common full name typed without accents; by relevance), vs the same replay`,
  search: 'nguyen van hung',
});

export const cadresSearchWordScenario = cadresScenario({
  name: 'cadres-search-word',
  description: `the same page, \`filter: { search: "hung" }\` (one word, found in many names), vs the same replay`,
  search: 'hung',
});
