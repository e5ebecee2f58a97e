import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { Role } from '../../src/common/role.enum';
import { contractSchema } from '../support/contract-documents';
import { startTestApp, type TestApp } from '../support/test-app';
import { wsClient } from '../support/ws-client';

/** Each ```graphql block of docs/frontend.md, with the variables of a ```json block right after it. */
function examples(): Array<{ name: string; query: string; variables: Record<string, unknown> }> {
  const text = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'frontend.md'), 'utf8');
  const blocks = [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1]!,
    body: m[2]!,
    start: m.index,
    end: m.index + m[0].length,
  }));
  return blocks.flatMap((b, i) => {
    if (b.lang !== 'graphql') return [];
    const next = blocks[i + 1];
    const adjacent = next?.lang === 'json' && text.slice(b.end, next.start).trim() === '';
    const op = parse(b.body).definitions[0] as OperationDefinitionNode;
    return [
      { name: op.name!.value, query: b.body, variables: adjacent ? (JSON.parse(next.body) as Record<string, unknown>) : {} },
    ];
  });
}

describe('docs/frontend.md', () => {
  const all = examples();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true });
  }, 240_000);
  afterAll(() => t.stop());

  it('has the examples it promises, each valid against schema/schema.graphql', () => {
    expect(all.map((e) => e.name)).toEqual(['SignIn', 'Me', 'CadrePage', 'WhoIsItAbout', 'LatestEvents', 'BoardFeed']);
    for (const e of all)
      expect({ name: e.name, errors: validate(contractSchema(), parse(e.query)) }).toEqual({ name: e.name, errors: [] });
  });

  it('runs every query and mutation example without an error', async () => {
    const token = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    for (const e of all) {
      const op = parse(e.query).definitions[0] as OperationDefinitionNode;
      if (op.operation === 'subscription') continue;
      const res = await t.gql(e.query, e.variables, token);
      expect({ name: e.name, status: res.status, errors: res.body.errors }).toEqual({
        name: e.name,
        status: 200,
        errors: undefined,
      });
      expect(res.body.data).toEqual(expect.any(Object));
    }
  });

  it('resumes the subscription example after a cursor: the events after it come first', async () => {
    const token = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const latest = all.find((e) => e.name === 'LatestEvents')!;
    const page = await t.gql<{ latestBoardEvents: { events: Array<{ id: string; cursor: string }> } }>(latest.query, {}, token);
    const [newest, older] = page.body.data!.latestBoardEvents.events;
    expect(older).toBeDefined();
    const feed = all.find((e) => e.name === 'BoardFeed')!;
    expect(parse(feed.query).definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION)).toBe(true);
    const client = wsClient(t.url, { token });
    const first = await new Promise<{ data?: { boardEvents: { id: string } }; errors?: unknown }>((resolve, reject) => {
      const stop = client.subscribe<{ boardEvents: { id: string } }>(
        { query: feed.query, variables: { after: older!.cursor } },
        {
          next: (value) => {
            stop();
            resolve(value as never);
          },
          error: reject,
          complete: () => reject(new Error('completed before any event')),
        },
      );
    });
    await client.dispose();
    expect(first.errors).toBeUndefined();
    expect(first.data?.boardEvents.id).toBe(newest!.id);
  });
});
