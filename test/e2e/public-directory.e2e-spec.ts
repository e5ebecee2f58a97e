import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The public directory a citizen searches to name whom a report concerns: no account, accent- and
 * case-insensitive, only public facts, only serving cadres, a minimum length and a limit per address.
 */
const DIRECTORY = `query($s: String!, $n: Int) { publicDirectory(search: $s, first: $n) { kind id name postTitle unitName } }`;

interface Entry {
  kind: 'CADRE' | 'UNIT';
  id: string;
  name: string;
  postTitle: string | null;
  unitName: string | null;
}

/** What a person types without Vietnamese accents: no marks, đ as d, lower case. */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

describe('the public directory', () => {
  let t: TestApp;
  const search = async (s: string, n?: number) => {
    const res = await t.gql<{ publicDirectory: Entry[] }>(DIRECTORY, { s, n });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, env: { DIRECTORY_SEARCHES_PER_HOUR: '25' } });
  });
  afterAll(() => t.stop());

  it('finds a cadre by the name typed without accents, đ as d, the exact name first, with post and unit and nothing else', async () => {
    const [cadre] = (await t.app.dataSource.query(
      `SELECT c.id, c.full_name, p.name AS post, u.name AS unit FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id
        WHERE c.status = 'ACTIVE' AND c.full_name ILIKE '%đ%'
          AND (SELECT count(*) FROM cadre o WHERE o.search_name = c.search_name) = 1
        ORDER BY c.full_name LIMIT 1`,
    )) as Array<{ id: string; full_name: string; post: string; unit: string }>;
    expect(cadre).toBeDefined();
    expect(plain(cadre!.full_name)).not.toBe(cadre!.full_name);
    const res = await search(plain(cadre!.full_name));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.publicDirectory[0]).toEqual({
      kind: 'CADRE',
      id: cadre!.id,
      name: cadre!.full_name,
      postTitle: cadre!.post,
      unitName: cadre!.unit,
    });
    // Upper case and the accented spelling find the same person.
    expect((await search(cadre!.full_name.toUpperCase())).body.data!.publicDirectory[0]!.id).toBe(cadre!.id);
    // Every word must appear, in any order.
    const words = plain(cadre!.full_name).split(' ');
    const reversed = await search(`${words.at(-1)} ${words[0]}`, 20);
    expect(reversed.body.data!.publicDirectory.map((e) => e.id)).toContain(cadre!.id);
  });

  it('finds units by name, and never lists a cadre who has left the ward', async () => {
    const units = (await search('uy ban')).body.data!.publicDirectory.filter((e) => e.kind === 'UNIT');
    expect(units.length).toBeGreaterThan(0);
    // Every word, in any order: "Ban Thường vụ Đảng ủy" holds both.
    for (const u of units) expect(plain(u.name).split(' ')).toEqual(expect.arrayContaining(['uy', 'ban']));
    expect(units.some((u) => plain(u.name).includes('uy ban'))).toBe(true);
    const [gone] = (await t.owner.query(
      `UPDATE cadre SET status = 'RETIRED', employment_ended_on = current_date
        WHERE id = (SELECT id FROM cadre WHERE status = 'ACTIVE' ORDER BY full_name DESC LIMIT 1) RETURNING id, full_name`,
    )) as [Array<{ id: string; full_name: string }>, number];
    const retired = gone[0]!;
    const found = (await search(retired.full_name, 20)).body.data!.publicDirectory;
    expect(found.map((e) => e.id)).not.toContain(retired.id);
  });

  it('offers no field beyond the public facts', async () => {
    const res = await t.gql<{ __type: { fields: Array<{ name: string }> } }>(
      `{ __type(name: "PublicDirectoryEntry") { fields { name } } }`,
    );
    expect(res.body.data!.__type.fields.map((f) => f.name).sort()).toEqual(['id', 'kind', 'name', 'postTitle', 'unitName']);
  });

  it('refuses a search shorter than 3 characters, and a page past 20', async () => {
    for (const s of ['', 'a', '  lê  ']) {
      const res = await search(s);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'SEARCH_TOO_SHORT',
        fields: [{ path: 'search', message: 'ít nhất 3 ký tự' }],
      });
    }
    expect((await search('nguyen', 21)).body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('limits searches per client address', async () => {
    let last: Awaited<ReturnType<typeof search>> | undefined;
    for (let i = 0; i < 30; i++) {
      last = await search('nguyen');
      if (last.body.errors) break;
    }
    expect(last!.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(last!.body.errors?.[0]?.extensions?.['retryAfterSeconds']).toEqual(expect.any(Number));
  });
});
