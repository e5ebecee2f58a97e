import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { costLimitRule } from '../../src/graphql/cost-limit';
import { limitRules, parseLimited } from '../../src/graphql/limits';
import { contractSchema, listFields, maxPageDocument, readerOf } from '../support/contract-documents';
import { startTestApp, type TestApp, testConfig } from '../support/test-app';

/**
 * The contract frontend teams rely on, generated from schema/schema.graphql: every list's
 * largest page (its documented maximum, `after: null`, every scalar field and one level of nested
 * objects) passes the limits and pages to its end, while documents that only an attack needs
 * stay refused.
 */
const schema = contractSchema();
const lists = listFields(schema);
const limits = testConfig().graphql;

/** The errors the server's limits and graphql-js's own rules give a document, before any resolver. */
function refusals(source: string): string[] {
  const doc = parseLimited(source, limits);
  if (doc instanceof GraphQLError) return [doc.message];
  return validate(schema, doc, [...specifiedRules, ...limitRules(limits)]).map((e) => e.message);
}

/** The cost the server computes for a document. */
function costOf(source: string): number {
  const [error] = validate(schema, parse(source), [costLimitRule(0)]);
  return Number(error?.extensions['cost']);
}

/**
 * Fields a role may read on some rows only: the reporter's identity is for the Inspection
 * Committee member handling the report; a cadre's supervision record is not for that cadre (the
 * demo accounts are people of the register). Their FORBIDDEN is the data's rule, not the contract's.
 */
const PER_ROW_FIELDS = new Set(['reporterIdentity', 'supervisionRecord']);
type GqlErrors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;
const contractErrors = (errors: GqlErrors) =>
  errors?.filter((e) => !(e.extensions?.['code'] === 'FORBIDDEN' && PER_ROW_FIELDS.has(String(e.path?.at(-1))))) ?? [];

describe('the contract, checked', () => {
  it('finds the lists to check, with a documented maximum for every size argument', () => {
    const names = lists.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['cadres', 'reports', 'inspections', 'findings', 'units', 'targetRecords']));
    expect(lists.filter((l) => l.paged).map((l) => l.name)).toEqual(
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
  });

  describe('limits', () => {
    it.each(lists.map((l) => [l.name, l] as const))('accepts the largest page of %s', (_name, list) => {
      expect(refusals(maxPageDocument(list))).toEqual([]);
    });

    const largest = (name: string) =>
      maxPageDocument(lists.find((l) => l.name === name)!).replace(/^query \w+(\(\$after: String\))?/, '');

    it('refuses lists nested three deep under a full page, and fifteen full pages under aliases', () => {
      expect(refusals('{ units(first: 500) { children { children { children { name } } } } }')).toEqual([
        expect.stringMatching(/chi phí 555500 vượt giới hạn 12000/),
      ]);
      expect(
        refusals(
          '{ inspections(first: 100) { edges { node { findings { concernedCadres { history { changes { field } } } } } } } }',
        ),
      ).toEqual(expect.arrayContaining([expect.stringMatching(/depth/i)]));
      const aliased = Array.from({ length: 15 }, (_, i) => `u${i}: units(first: 500) { id children { id } parent { id } }`);
      expect(refusals(`{ ${aliased.join(' ')} }`)).toEqual([expect.stringMatching(/vượt giới hạn 12000/)]);
      expect(refusals(`{ a: ${largest('units').slice(2, -2)} b: ${largest('units').slice(2, -2)} }`)).toEqual([
        expect.stringMatching(/Truy vấn quá nặng/),
      ]);
    });

    it('costs a `first` given as a variable at its maximum, as a literal would be', () => {
      const nested = '{ edges { node { findings { concernedCadres { id } concernedUnits { id } } } } }';
      expect(refusals(`query($n: Int!) { inspections(first: $n) ${nested} }`)).toEqual([
        expect.stringMatching(/Truy vấn quá nặng/),
      ]);
      expect(refusals(`{ inspections(first: 100) ${nested} }`)).toEqual([expect.stringMatching(/Truy vấn quá nặng/)]);
      expect(refusals(`{ inspections(first: 20) ${nested} }`)).toEqual([]);
    });

    it('costs fragments where they are spread, and a chain of spreads stays cheap to compute', () => {
      const inline = '{ reports(first: 100) { edges { node { id timeline { id } handler { id } } } } }';
      const viaFragments = `query($n: Int) { reports(first: $n) { ...Page } }
        fragment Page on ReportConnection { edges { node { ...Row } } }
        fragment Row on Report { id timeline { id } handler { id } }`;
      expect(costOf(inline)).toBe(100 * (1 + 1 + 10 + 1) + 1);
      expect(costOf(viaFragments)).toBe(costOf(inline));
      // Each fragment spreads the next one twice: 2^12 units pages if expanded, one pass costed.
      const chain = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
      const started = performance.now();
      expect(costOf(`{ ...F0 }\n${chain}\nfragment F12 on Query { units(first: 500) { id } }`)).toBe(2 ** 12 * 500);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('counts nothing for introspection', () => {
      expect(refusals('{ __schema { types { fields { args { type { ofType { name } } } } } } }')).toEqual([]);
    });
  });

  describe('on the demo ward', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ seed: true, seedReports: true, seedInspections: true, seedQuality: true });
      // Periodic report drafts, as the scheduled job prepared them over the last months (periodicReportDrafts).
      for (const daysAgo of [70, 35, 0])
        await t.app.services.periodicReportScheduler.runOnce(
          new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10),
        );
    }, 240_000);
    afterAll(() => t.stop());

    it.each(lists.map((l) => [l.name, l] as const))(
      'pages %s from after: null to its end at its largest page',
      async (_name, list) => {
        const token = await t.tokenFor(readerOf(list));
        const document = maxPageDocument(list);
        let after: string | null = null;
        let pages = 0;
        let items = 0;
        for (;;) {
          const res = await t.gql<Record<string, Record<string, unknown>>>(document, list.paged ? { after } : {}, token);
          expect({ status: res.status, errors: contractErrors(res.body.errors) }).toEqual({ status: 200, errors: [] });
          const data = res.body.data![list.name]!;
          pages += 1;
          if (!list.paged) break;
          const edges = (data['edges'] ?? data['nodes']) as unknown[];
          items += edges.length;
          const pageInfo = data['pageInfo'] as { hasNextPage: boolean; endCursor: string | null };
          if (!pageInfo.hasNextPage) break;
          expect(edges).toHaveLength(list.size!.max);
          expect(pageInfo.endCursor).toEqual(expect.any(String));
          after = pageInfo.endCursor;
          expect(pages).toBeLessThan(100);
        }
        if (list.paged) expect(items).toBeGreaterThan(0);
      },
      60_000,
    );

    it.each(lists.filter((l) => l.size).map((l) => [l.name, l] as const))(
      'refuses %s one past its documented maximum as BAD_USER_INPUT',
      async (_name, list) => {
        const token = await t.tokenFor(readerOf(list));
        const document = maxPageDocument(list).replace(
          `${list.size!.arg}: ${list.size!.max}`,
          `${list.size!.arg}: ${list.size!.max + 1}`,
        );
        const res = await t.gql(document, list.paged ? { after: null } : {}, token);
        expect(res.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      },
    );

    it('accepts after: null written in the document as well as in variables', async () => {
      for (const list of lists.filter((l) => l.paged)) {
        const document = maxPageDocument(list).replace('($after: String)', '').replace('after: $after', 'after: null');
        const res = await t.gql(document, {}, await t.tokenFor(readerOf(list)));
        expect({ list: list.name, errors: contractErrors(res.body.errors) }).toEqual({ list: list.name, errors: [] });
      }
    });

    it('parses every generated document within the token limit', () => {
      for (const list of lists) expect(parse(maxPageDocument(list), { maxTokens: limits.maxTokens })).toBeDefined();
    });
  });
});
