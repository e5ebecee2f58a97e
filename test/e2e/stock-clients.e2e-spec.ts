import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { parse, validate } from 'graphql';
import { Environment, fetchQuery, Network, RecordSource, Store } from 'relay-runtime';
import { filter, firstValueFrom } from 'rxjs';
import { MAX_PAGE_SIZE } from '../../src/graphql/limits';
import { Role } from '../../src/common/role.enum';
import { concreteRequest } from '../support/relay-request';
import { contractSchema } from '../support/contract-documents';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A frontend team's first screens, with the real client libraries as they ship: each list is
 * paged from `after: null` to its end at the largest page, `first` and `after` as variables.
 */
const LISTS = {
  cadres: 'fullName gender dateOfBirth post { name } unit { name }',
  reports: 'title kind status receivedAt dueAt handler { displayName }',
  findings: 'description severity area recordedAt inspection { title }',
  inspections: 'title kind status',
} as const;
type ListName = keyof typeof LISTS;

const pageQuery = (list: ListName) => `query ${list[0]!.toUpperCase()}${list.slice(1)}Page($first: Int!, $after: String) {
  ${list}(first: $first, after: $after) {
    totalCount
    edges { cursor node { id ${LISTS[list]} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('stock clients page every list from after: null to its end', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true });
    token = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  }, 240_000);
  afterAll(() => t.stop());

  it('asks only what the schema has', () => {
    for (const list of Object.keys(LISTS) as ListName[]) expect(validate(contractSchema(), parse(pageQuery(list)))).toEqual([]);
  });

  describe('Apollo Client (relayStylePagination and fetchMore)', () => {
    it.each(Object.keys(LISTS) as ListName[])('%s', async (list) => {
      const client = new ApolloClient({
        link: new HttpLink({ uri: `${t.url}/graphql`, headers: { authorization: `Bearer ${token}` }, fetch }),
        cache: new InMemoryCache({ typePolicies: { Query: { fields: { [list]: relayStylePagination() } } } }),
      });
      const query = gql(pageQuery(list));
      const watched = client.watchQuery<Record<string, Page>>({ query, variables: { first: MAX_PAGE_SIZE, after: null } });
      const first = await firstValueFrom(watched.pipe(filter((r) => r.dataState === 'complete' || !!r.error)));
      expect(first.error).toBeUndefined();
      let pageInfo = (first.data![list] as Page).pageInfo;
      let pages = 1;
      while (pageInfo.hasNextPage) {
        const more = await watched.fetchMore({ variables: { after: pageInfo.endCursor } });
        expect(more.error).toBeUndefined();
        expect(more.data![list]!.edges.length).toBeGreaterThan(0);
        pageInfo = more.data![list]!.pageInfo;
        pages += 1;
        expect(pages).toBeLessThan(100);
      }
      // The cache merged every page into one list: all of it, each item once.
      const merged = watched.getCurrentResult().data![list] as Page;
      expect(merged.edges.length).toBe(merged.totalCount);
      expect(new Set(merged.edges.map((e) => e.node.id)).size).toBe(merged.totalCount);
      expect(merged.totalCount).toBeGreaterThan(0);
      if (list === 'cadres') expect(pages).toBeGreaterThan(1);
      client.stop();
    });
  });

  describe('Relay (relay-runtime: Environment, Network, fetchQuery)', () => {
    it.each(Object.keys(LISTS) as ListName[])('%s', async (list) => {
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
      const request = concreteRequest(contractSchema(), pageQuery(list));
      const ids = new Set<string>();
      let after: string | null = null;
      let total: number;
      let pages = 0;
      for (;;) {
        const data = (await fetchQuery(environment, request, { first: MAX_PAGE_SIZE, after }).toPromise()) as Record<
          string,
          Page
        >;
        const page = data[list]!;
        for (const e of page.edges) ids.add(e.node.id);
        total = page.totalCount;
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        expect(page.edges).toHaveLength(MAX_PAGE_SIZE);
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(100);
      }
      expect(total).toBeGreaterThan(0);
      expect(ids.size).toBe(total);
    });
  });
});
