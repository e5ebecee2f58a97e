import { ApolloClient, type FieldPolicy, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { getNamedType, type GraphQLObjectType, isNonNullType, parse, validate } from 'graphql';
import { Environment, fetchQuery, Network, RecordSource, Store } from 'relay-runtime';
import { filter, firstValueFrom } from 'rxjs';
import { concreteRequest } from '../support/relay-request';
import { contractSchema, type ListField, listFields, readerOf, requiredValue, scalars } from '../support/contract-documents';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A frontend team's screens, with the real client libraries as they ship: every paged root list
 * of the committed schema (found by `listFields`, so a list added later is covered without
 * touching this file) is paged from `after: null` to its end, `first` and `after` as variables,
 * by the role that reads it whole. Each list is walked twice per client, at its documented
 * maximum and at a small page, and the two walks must give the same items in the same order:
 * pages that overlapped or skipped would not agree. Every cursor is unique and each page's
 * `endCursor` is its last edge's.
 */
const schema = contractSchema();
const PAGED = listFields(schema).filter((l) => l.paged);
/** The small page: several pages for every list, so every walk crosses page boundaries (smaller still for a short list). */
const SMALL = 3;

interface Shape {
  /** `edges { cursor node }` (Relay connections), or `nodes` with `pageInfo` beside them. */
  edges: boolean;
  totalCount: boolean;
}

function shapeOf(list: ListField): Shape {
  const fields = (getNamedType(list.field.type) as GraphQLObjectType).getFields();
  return { edges: 'edges' in fields, totalCount: 'totalCount' in fields };
}

/** The page document a team writes: `first` and `after` as variables, the required arguments fixed, the item's scalar fields. */
function pageQuery(list: ListField): string {
  const shape = shapeOf(list);
  const fields = (getNamedType(list.field.type) as GraphQLObjectType).getFields();
  const item = shape.edges
    ? getNamedType((getNamedType(fields['edges']!.type) as GraphQLObjectType).getFields()['node']!.type)
    : getNamedType(fields['nodes']!.type);
  const args = list.field.args.flatMap((a) => {
    if (a.name === list.size!.arg) return [`${a.name}: $first`];
    if (a.name === 'after') return ['after: $after'];
    if (isNonNullType(a.type) && a.defaultValue === undefined) return [`${a.name}: ${requiredValue(a)}`];
    return [];
  });
  const items = shape.edges ? `edges { cursor node { ${scalars(item)} } }` : `nodes { ${scalars(item)} }`;
  const name = `${list.name[0]!.toUpperCase()}${list.name.slice(1)}Page`;
  return `query ${name}($first: Int!, $after: String) {
  ${list.name}(${args.join(', ')}) { ${shape.totalCount ? 'totalCount' : ''} ${items} pageInfo { hasNextPage endCursor } }
}`;
}

interface Page {
  totalCount?: number;
  edges?: Array<{ cursor: string; node: Record<string, unknown> }>;
  nodes?: Array<Record<string, unknown>>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A walk from after: null to the end: the pages as the client returned them. */
type Walk = Page[];

const itemsOf = (page: Page) => (page.edges ? page.edges.map((e) => e.node) : page.nodes!);
const keyOf = (item: Record<string, unknown>) => (typeof item['id'] === 'string' ? item['id'] : JSON.stringify(item));

/** The checks every walk passes; returns the items' keys in order. */
function checkWalk(list: ListField, walk: Walk, size: number): string[] {
  expect(walk.length).toBeGreaterThan(0);
  walk.forEach((page, i) => {
    const items = itemsOf(page);
    const last = i === walk.length - 1;
    // Full pages until the last; the last ends the list; an empty page only when the list is empty.
    if (!last)
      expect({ page: i, items: items.length, more: page.pageInfo.hasNextPage }).toEqual({ page: i, items: size, more: true });
    else expect(page.pageInfo.hasNextPage).toBe(false);
    if (page.edges?.length) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    if (!last) expect(page.pageInfo.endCursor).toEqual(expect.any(String));
  });
  const keys = walk.flatMap((p) => itemsOf(p).map(keyOf));
  expect(keys.length).toBeGreaterThan(0);
  // No item twice (pages do not overlap), every item counted (none skipped).
  expect(new Set(keys).size).toBe(keys.length);
  const total = walk[0]!.totalCount;
  if (total !== undefined) expect(keys.length).toBe(total);
  // Cursors are unique: every edge's, and every page's end.
  const cursors = walk.flatMap((p) => (p.edges ?? []).map((e) => e.cursor));
  expect(new Set(cursors).size).toBe(cursors.length);
  const ends = walk.slice(0, -1).map((p) => p.pageInfo.endCursor);
  expect(new Set(ends).size).toBe(ends.length);
  return keys;
}

describe('stock clients page every paged list from after: null to its end', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const tokenFor = async (list: ListField) => {
    const role = readerOf(list);
    if (!tokens.has(role)) tokens.set(role, await t.tokenFor(role));
    return tokens.get(role)!;
  };
  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true, seedQuality: true });
    // Periodic report drafts, as the scheduled job prepared them over the last months (periodicReportDrafts).
    for (const daysAgo of [70, 35, 0])
      await t.app.services.periodicReportScheduler.runOnce(
        new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10),
      );
    // The demo ward reads one sealed identity; a few more readings give the access log pages to cross.
    await t.owner.query(
      `INSERT INTO identity_access (report_id, account_id, request_id, grant_id)
       SELECT report_id, account_id, 'stock-clients-' || g, grant_id FROM (SELECT * FROM identity_access LIMIT 1) a, generate_series(1, 4) g`,
    );
  }, 240_000);
  afterAll(() => t.stop());

  it('finds the paged lists in the schema, each with a documented maximum, and asks only what the schema has', () => {
    expect(PAGED.map((l) => l.name)).toEqual(
      expect.arrayContaining([
        'cadres',
        'commendations',
        'disciplineCases',
        'findings',
        'inspections',
        'reports',
        'targetRecords',
      ]),
    );
    for (const list of PAGED) {
      expect(list.size?.max).toBeGreaterThan(SMALL);
      expect(validate(schema, parse(pageQuery(list)))).toEqual([]);
    }
  });

  /** Apollo Client: a field policy per list (relayStylePagination for edges, the documented cursor merge for nodes), fetchMore to the end. */
  async function apolloWalk(list: ListField, size: number): Promise<Walk> {
    const shape = shapeOf(list);
    const nodesMerge: FieldPolicy<Page> = {
      keyArgs: false,
      merge: (existing, incoming, { args }) =>
        !args?.['after'] || !existing ? incoming : { ...incoming, nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])] },
    };
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${t.url}/graphql`, headers: { authorization: `Bearer ${await tokenFor(list)}` }, fetch }),
      cache: new InMemoryCache({
        typePolicies: { Query: { fields: { [list.name]: shape.edges ? relayStylePagination() : nodesMerge } } },
      }),
    });
    try {
      const watched = client.watchQuery<Record<string, Page>>({
        query: gql(pageQuery(list)),
        variables: { first: size, after: null },
      });
      const first = await firstValueFrom(watched.pipe(filter((r) => r.dataState === 'complete' || !!r.error)));
      expect(first.error).toBeUndefined();
      const walk: Walk = [first.data![list.name] as Page];
      while (walk.at(-1)!.pageInfo.hasNextPage) {
        const more = await watched.fetchMore({ variables: { after: walk.at(-1)!.pageInfo.endCursor } });
        expect(more.error).toBeUndefined();
        walk.push(more.data![list.name] as Page);
        expect(walk.length).toBeLessThan(200);
      }
      // The cache merged every page into one list, in order.
      const merged = watched.getCurrentResult().data![list.name] as Page;
      expect(itemsOf(merged).map(keyOf)).toEqual(walk.flatMap((p) => itemsOf(p).map(keyOf)));
      return walk;
    } finally {
      client.stop();
    }
  }

  /** Relay: relay-runtime's Environment, Network and fetchQuery, page after page. */
  async function relayWalk(list: ListField, size: number): Promise<Walk> {
    const token = await tokenFor(list);
    const environment = new Environment({
      network: Network.create(async (params, variables) => {
        const res = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: params.text, variables }),
        });
        return (await res.json()) as never;
      }),
      store: new Store(new RecordSource()),
    });
    const request = concreteRequest(schema, pageQuery(list));
    const walk: Walk = [];
    let after: string | null = null;
    for (;;) {
      const data = (await fetchQuery(environment, request, { first: size, after }).toPromise()) as Record<string, Page>;
      const page = data[list.name]!;
      walk.push(page);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(walk.length).toBeLessThan(200);
    }
    return walk;
  }

  describe.each([
    ['Apollo Client (field policies and fetchMore)', apolloWalk],
    ['Relay (relay-runtime: Environment, Network, fetchQuery)', relayWalk],
  ])('%s', (_client, walkWith) => {
    it.each(PAGED.map((l) => [l.name, l] as const))(
      '%s: at its maximum page and at a small one, the same items in the same order',
      async (_name, list) => {
        const largest = checkWalk(list, await walkWith(list, list.size!.max), list.size!.max);
        const size = Math.min(SMALL, Math.max(1, Math.floor(largest.length / 2)));
        const smallWalk = await walkWith(list, size);
        const small = checkWalk(list, smallWalk, size);
        // Every list holds at least two items, so the small walk crosses at least one page boundary.
        expect(largest.length).toBeGreaterThan(1);
        expect(smallWalk.length).toBeGreaterThan(1);
        expect(small).toEqual(largest);
      },
      60_000,
    );
  });
});
