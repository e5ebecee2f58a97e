import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type GqlResponse, type TestApp } from '../support/test-app';

interface Page {
  cadres: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; fullName: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}
const CADRES = `query($f: CadreFilter, $first: Int, $after: String, $o: CadreOrder) {
  cadres(filter: $f, first: $first, after: $after, orderBy: $o) {
    totalCount edges { cursor node { id fullName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const CADRE = `query($id: ID!) { cadre(id: $id) { id fullName dateOfBirth phone email isManager post { name } unit { code } history { kind changes { field from to } } } }`;

const fieldsOf = (res: GqlResponse) => (onlyError(res).extensions?.['fields'] as Array<{ path: string; message: string }>) ?? [];

describe('cadres: the register as read', () => {
  let t: TestApp;
  let admin: string;
  const sqlCount = async (sql: string, params: unknown[] = []) =>
    ((await t.app.dataSource.query(sql, params)) as [{ n: number }])[0].n;
  const page = async (vars: Record<string, unknown>, token = admin) => {
    const res = await t.gql<Page>(CADRES, vars, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.cadres;
  };
  const secretaryId = async () => (await page({ f: { search: 'Nguyễn Văn Thành', isManager: true } })).edges[0]!.node.id;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = await t.tokenFor(Role.ADMIN);
  });
  afterAll(() => t.stop());

  it('shows An Biên as the resolution states it: 20/11, 16/5, 94/14 — 130 people, not the stated 131', async () => {
    const expected = { PARTY_OFFICE: [20, 11], FATHERLAND_FRONT: [16, 5], GOVERNMENT: [94, 14] } as const;
    for (const [body, [cadres, managers]] of Object.entries(expected)) {
      expect((await page({ f: { body }, first: 1 })).totalCount).toBe(cadres);
      expect((await page({ f: { body, isManager: true }, first: 1 })).totalCount).toBe(managers);
    }
    expect((await page({ first: 1 })).totalCount).toBe(130);
    expect((await page({ f: { isManager: true }, first: 1 })).totalCount).toBe(30);
  });

  it('seeds plausible people: both genders, older and better-qualified leaders, Vietnamese names', async () => {
    const [stats] = (await t.app.dataSource.query(
      `SELECT avg((c.gender = 'FEMALE')::int)::float AS women,
              avg(date_part('year', age(DATE '2025-10-01', c.date_of_birth))) FILTER (WHERE p.is_management)::float AS "managerAge",
              avg(date_part('year', age(DATE '2025-10-01', c.date_of_birth))) FILTER (WHERE NOT p.is_management)::float AS "staffAge",
              bool_and(c.qualification IN ('BACHELOR', 'MASTER', 'DOCTOR')) FILTER (WHERE p.is_management) AS "managersGraduates",
              bool_and(c.party_member) FILTER (WHERE p.is_management) AS "managersInParty",
              min(date_part('year', age(DATE '2025-10-01', c.date_of_birth)))::int AS youngest,
              max(date_part('year', age(DATE '2025-10-01', c.date_of_birth)))::int AS oldest,
              count(DISTINCT c.full_name)::int AS names
         FROM cadre c JOIN post p ON p.id = c.post_id`,
    )) as [Record<string, number | boolean>];
    expect(stats['women']).toBeGreaterThan(0.3);
    expect(stats['women']).toBeLessThan(0.6);
    expect(stats['managerAge']).toBeGreaterThan(stats['staffAge'] as number);
    expect(stats).toMatchObject({ managersGraduates: true, managersInParty: true });
    expect(stats['youngest']).toBeGreaterThanOrEqual(22);
    expect(stats['oldest']).toBeLessThanOrEqual(60);
    expect(stats['names']).toBeGreaterThan(100);
    const names = (await t.app.dataSource.query(`SELECT full_name FROM cadre`)) as Array<{ full_name: string }>;
    for (const { full_name } of names) expect(full_name).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*)+$/u);
  });

  it('finds "Nguyễn Văn Thành", the ward Party Secretary, accent- and case-insensitively', async () => {
    for (const search of [
      'nguyen van thanh',
      'Nguyen Van Thanh',
      'Thành',
      'NGUYỄN VĂN THÀNH',
      '  van   THANH ',
      'nguyen van thnh',
    ]) {
      const res = await page({ f: { search }, first: 100 });
      expect(res.edges.map((e) => e.node.fullName)).toContain('Nguyễn Văn Thành');
    }
    // With a search, the default order is RELEVANCE: the exact name comes first.
    for (const search of ['nguyen van thanh', 'Nguyen Van Thanh', 'NGUYỄN VĂN THÀNH']) {
      expect((await page({ f: { search }, first: 3 })).edges[0]!.node.fullName).toBe('Nguyễn Văn Thành');
    }
    // Pages of a relevance-ordered search neither skip nor repeat.
    const all = await page({ f: { search: 'nguyen' }, first: 100 });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const p = await page({ f: { search: 'nguyen' }, first: 4, after });
      seen.push(...p.edges.map((e) => e.node.id));
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor! : undefined;
    } while (after);
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    expect(seen.length).toBe(all.totalCount);
    const res = await t.gql<{ cadre: { post: { name: string }; isManager: boolean } }>(CADRE, { id: await secretaryId() }, admin);
    expect(res.body.data!.cadre).toMatchObject({ post: { name: 'Bí thư Đảng ủy phường' }, isManager: true });
    expect((await page({ f: { search: 'Xyzzyq' } })).totalCount).toBe(0);
    // LIKE wildcards in the search string are literal characters, not patterns.
    expect((await page({ f: { search: '%' } })).totalCount).toBe(0);
    expect((await page({ f: { search: '_' } })).totalCount).toBe(0);
  });

  it('ranks a search by exact name, whole words, parts of words, and pages across the tiers in one statement each', async () => {
    // Rare syllables the seed does not use, so these eight are all that "khuc ung vy" finds.
    const tiers = [
      ['Khúc Ưng Vỹ', 'Khúc Ứng Vỹ', 'KHÚC ƯNG VỸ'], // the exact name, accents and case aside
      ['Vỹ Khúc Ưng Anh', 'Khúc Thị Ưng Vỹ'], // every word as a whole word
      ['Khúc Ưng Vỹnh', 'Khúc Hưng Vỹ', 'Khúc Thùng Vỹ'], // every word, some only as part of a word
    ];
    const ids = (await t.app.dataSource.query(
      `INSERT INTO cadre (full_name, gender, date_of_birth, unit_id, post_id, civil_service_category, qualification,
                          political_theory, party_member, party_joined_on, status, in_planning_pool, version)
       SELECT n, c.gender, c.date_of_birth, c.unit_id, c.post_id, c.civil_service_category, c.qualification,
              c.political_theory, c.party_member, c.party_joined_on, c.status, c.in_planning_pool, 1
         FROM (SELECT c.* FROM cadre c JOIN post p ON p.id = c.post_id WHERE NOT p.single_holder LIMIT 1) c,
              unnest($1::text[]) n
       RETURNING id`,
      [tiers.flat()],
    )) as Array<{ id: string }>;
    const logger = t.app.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    try {
      // Within a tier in Vietnamese name order, then by id.
      const expected: string[] = [];
      for (const names of tiers) {
        const rows = (await t.app.dataSource.query(
          `SELECT full_name FROM cadre WHERE full_name = ANY($1) ORDER BY full_name COLLATE vietnamese, id`,
          [names],
        )) as Array<{ full_name: string }>;
        expected.push(...rows.map((r) => r.full_name));
      }
      const f = { search: 'khuc ung vy' };
      const all = await page({ f, first: 100 });
      expect(all.edges.map((e) => e.node.fullName)).toEqual(expected);
      expect(all.totalCount).toBe(8);
      // Pages of 2 spill from one tier into the next: neither a gap nor a repeat.
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const p = await page({ f, first: 2, after });
        seen.push(...p.edges.map((e) => e.node.fullName));
        after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor! : undefined;
      } while (after);
      expect(seen).toEqual(expected);

      // One page statement, whichever tiers the page reaches; the tiers after a full one never run.
      const statements: Array<{ query: string; parameters: unknown[] }> = [];
      logger.logQuery = (query, parameters, runner) => {
        statements.push({ query, parameters: (parameters as unknown[] | undefined) ?? [] });
        return original(query, parameters, runner);
      };
      const edgesOnly = `query($f: CadreFilter, $first: Int) { cadres(filter: $f, first: $first) { edges { node { fullName } } } }`;
      const filled = await t.gql(edgesOnly, { f, first: 2 }, admin);
      const spilled = await t.gql(edgesOnly, { f, first: 7 }, admin);
      expect(filled.sql).toBe(spilled.sql);
      const pages = statements.filter((s) => s.query.includes('FROM cadre c'));
      expect(pages).toHaveLength(2);
      const analyze = async (s: { query: string; parameters: unknown[] }) =>
        (
          (await t.app.dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF) ${s.query}`, s.parameters)) as Array<{
            'QUERY PLAN': string;
          }>
        )
          .map((r) => r['QUERY PLAN'])
          .filter((line) => /(Scan on|Scan using \S+ on) cadre c(_\d+)? /.test(line)); // the tiers' scans, not the rows' fetch by id
      const filledScans = await analyze(pages[0]!);
      // Typed without diacritics, the exact name as typed (tier 0) is empty and the exact name
      // without them (tier 1) fills the page: the three tiers of whole and partial words never run.
      expect(filledScans.length).toBeGreaterThanOrEqual(5);
      expect(filledScans.slice(0, 2).some((line) => line.includes('never executed'))).toBe(false);
      expect(filledScans.slice(2).every((line) => line.includes('never executed'))).toBe(true);
      expect((await analyze(pages[1]!)).some((line) => line.includes('never executed'))).toBe(false);
    } finally {
      logger.logQuery = original;
      await t.app.dataSource.query(`DELETE FROM cadre WHERE id = ANY($1)`, [ids.map((r) => r.id)]);
    }
  });

  it('sorts names in Vietnamese alphabetical order (a ă â … d đ …, tones after letters), as sorted by hand, across pages', async () => {
    // Sorted by hand by the Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
    // u ư v x y; a tone counts only between names equal letter for letter (Thanh, Thành, Thạnh).
    const byHand = [
      'An Văn Xíu',
      'Âu Thị Xíu',
      'Bùi Văn Xíu',
      'Dương Thị Xíu',
      'Đàm Văn Xíu',
      'Đặng Văn Xíu',
      'Đinh Thị Xíu',
      'Đỗ Văn Xíu',
      'Hà Văn Xíu',
      'Hồ Thị Xíu',
      'Hứa Văn Xíu',
      'Lê Thanh Xíu',
      'Lê Thành Xíu',
      'Lê Thạnh Xíu',
      'Lò Văn Xíu',
      'Ông Văn Xíu',
      'Ung Thị Xíu',
      'Ưng Văn Xíu',
      'Vũ Thị Xíu',
    ];
    const shuffled = [...byHand].sort(
      (a, b) => ((a.length * 7 + a.charCodeAt(1)) % 11) - ((b.length * 7 + b.charCodeAt(1)) % 11),
    );
    expect(shuffled).not.toEqual(byHand);
    const ids = (await t.app.dataSource.query(
      `INSERT INTO cadre (full_name, gender, date_of_birth, unit_id, post_id, civil_service_category, qualification,
                          political_theory, party_member, party_joined_on, status, in_planning_pool, version)
       SELECT n, c.gender, c.date_of_birth, c.unit_id, c.post_id, c.civil_service_category, c.qualification,
              c.political_theory, c.party_member, c.party_joined_on, c.status, c.in_planning_pool, 1
         FROM (SELECT c.* FROM cadre c JOIN post p ON p.id = c.post_id WHERE NOT p.single_holder LIMIT 1) c,
              unnest($1::text[]) n
       RETURNING id`,
      [shuffled],
    )) as Array<{ id: string }>;
    try {
      const f = { search: 'xiu' };
      for (const o of ['FULL_NAME_ASC', undefined]) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const p = await page({ f: o ? f : {}, first: o ? 4 : 50, after, o: o ?? 'FULL_NAME_ASC' });
          seen.push(...p.edges.map((e) => e.node.fullName));
          after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor! : undefined;
        } while (after);
        const ours = seen.filter((n) => n.endsWith(' Xíu'));
        expect(ours).toEqual(byHand);
        expect(ours.indexOf('Dương Thị Xíu')).toBeLessThan(ours.indexOf('Đặng Văn Xíu'));
      }
      // The whole register's first page reads the Vietnamese name order index, not a sort.
      const runner = t.app.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('SET enable_seqscan = off');
        const plan = (
          (await runner.query(
            `EXPLAIN SELECT c.id FROM cadre c WHERE (c.full_name COLLATE vietnamese, c.id) > (CAST($1 AS text), CAST($2 AS uuid))
              ORDER BY c.full_name COLLATE vietnamese, c.id LIMIT 21`,
            ['Đặng', randomUUID()],
          )) as Array<{ 'QUERY PLAN': string }>
        )
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        expect(plan).toContain('cadre_full_name_order_idx');
        expect(plan).not.toContain('Sort');
      } finally {
        await runner.query('RESET enable_seqscan');
        await runner.release();
      }
    } finally {
      await t.app.dataSource.query(`DELETE FROM cadre WHERE id = ANY($1)`, [ids.map((r) => r.id)]);
    }
  });

  it('ranks a name with the searched word as typed first: "Thành" finds a Thành before a Thanh or a Thạnh', async () => {
    const thanh = await page({ f: { search: 'Thành' }, first: 100 });
    const names = thanh.edges.map((e) => e.node.fullName);
    const hasWord = (n: string) => n.split(' ').some((w) => w.toLocaleLowerCase('vi') === 'thành');
    // The seed has Thành and also names with Thanh, Thạnh (the same letters, another tone).
    expect(names.filter(hasWord).length).toBeGreaterThan(0);
    expect(names.some((n) => !hasWord(n))).toBe(true);
    expect(hasWord(names[0]!)).toBe(true);
    const firstOther = names.findIndex((n) => !hasWord(n));
    expect(names.slice(firstOther).some(hasWord)).toBe(false);
    // Without diacritics typed, the same names are found (the accent-free match is unchanged).
    const plain = (await page({ f: { search: 'thanh' }, first: 100 })).edges.map((e) => e.node.fullName);
    expect(new Set(plain)).toEqual(new Set(names));
  });

  it('serves name search and subtree filters from indexes (EXPLAIN with sequential scans off)', async () => {
    const runner = t.app.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan = (rows: Array<{ 'QUERY PLAN': string }>) => rows.map((r) => r['QUERY PLAN']).join('\n');
      // On a register of 130 a full scan of the small order index costs less than the trigram
      // index, so the plan is taken on 13,000 more names (rolled back, statistics included).
      await runner.query('BEGIN');
      await runner.query(
        `INSERT INTO cadre (full_name, gender, date_of_birth, unit_id, post_id, civil_service_category, qualification,
                            political_theory, party_member, party_joined_on, status, in_planning_pool, version)
         SELECT full_name || ' ' || g, gender, date_of_birth, unit_id, post_id, civil_service_category, qualification,
                political_theory, party_member, party_joined_on, status, in_planning_pool, version
           FROM cadre, generate_series(1, 100) g`,
      );
      await runner.query('ANALYZE cadre');
      // Each condition the search sends: every word as a substring, and the typo fallback.
      for (const [condition, value] of [
        ['c.search_name LIKE search_text($1)', '%thanh%'],
        ['search_text($1) <% c.search_name', 'thanh'],
      ] as const) {
        const search = plan(await runner.query(`EXPLAIN SELECT c.id FROM cadre c WHERE ${condition}`, [value]));
        expect(search).toContain('cadre_search_name_trgm_idx');
      }
      // The whole-word tier asks the GIN index of the name's words (for a rare word: a common one
      // is cheaper walking the name order index, which the planner rightly prefers).
      const words = plan(
        await runner.query(
          `EXPLAIN SELECT c.id FROM cadre c WHERE array_append(string_to_array(c.search_name, ' '), c.search_name) @> string_to_array(search_text($1), ' ')`,
          ['xyzzyq'],
        ),
      );
      expect(words).toContain('cadre_search_words_idx');
      const subtree = plan(await runner.query(`EXPLAIN SELECT id FROM unit WHERE path LIKE $1`, [`/${randomUUID()}/%`]));
      expect(subtree).toContain('unit_path_prefix_idx');
    } finally {
      await runner.query('ROLLBACK');
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  });

  it('filters by gender, qualification, Party membership, status, planning pool, age and unit subtree', async () => {
    const today = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ gender: 'FEMALE' }, `SELECT count(*)::int AS n FROM cadre WHERE gender = 'FEMALE'`],
      [{ qualification: 'MASTER' }, `SELECT count(*)::int AS n FROM cadre WHERE qualification = 'MASTER'`],
      [{ partyMember: false }, `SELECT count(*)::int AS n FROM cadre WHERE NOT party_member`],
      [{ status: 'ON_LEAVE' }, `SELECT count(*)::int AS n FROM cadre WHERE status = 'ON_LEAVE'`],
      [{ inPlanningPool: true }, `SELECT count(*)::int AS n FROM cadre WHERE in_planning_pool`],
      [
        { ageMin: 30, ageMax: 40 },
        `SELECT count(*)::int AS n FROM cadre WHERE date_part('year', age(${today}, date_of_birth)) BETWEEN 30 AND 40`,
      ],
      [
        { body: 'GOVERNMENT', isManager: true, gender: 'MALE' },
        `SELECT count(*)::int AS n FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id WHERE u.body = 'GOVERNMENT' AND p.is_management AND c.gender = 'MALE'`,
      ],
    ];
    for (const [f, sql] of cases) {
      const expected = await sqlCount(sql);
      expect({ f, n: (await page({ f, first: 1 })).totalCount }).toEqual({ f, n: expected });
    }
    // Non-trivial data: each filter splits the register.
    expect(await sqlCount(`SELECT count(DISTINCT gender)::int AS n FROM cadre`)).toBe(2);
    expect(await sqlCount(`SELECT count(*)::int AS n FROM cadre WHERE in_planning_pool`)).toBeGreaterThan(0);
    const units = (await t.gql<{ units: Array<{ id: string; code: string }> }>('{ units(first: 500) { id code } }', {}, admin))
      .body.data!.units;
    const id = (code: string) => units.find((u) => u.code === code)!.id;
    expect((await page({ f: { unitId: id('AB-UBND') }, first: 1 })).totalCount).toBe(91);
    expect((await page({ f: { unitId: id('AB-PKT') }, first: 1 })).totalCount).toBe(25);
    expect((await page({ f: { unitId: id('AB-CQDU') }, first: 1 })).totalCount).toBe(20);
    expect(onlyError(await t.gql(CADRES, { f: { unitId: randomUUID() } }, admin)).extensions?.['code']).toBe('NOT_FOUND');
    const females = await t.gql<{ cadres: { edges: Array<{ node: { gender: string } }> } }>(
      '{ cadres(filter: { gender: FEMALE }, first: 100) { edges { node { gender } } } }',
      {},
      admin,
    );
    expect(new Set(females.body.data!.cadres.edges.map((e) => e.node.gender))).toEqual(new Set(['FEMALE']));
  });

  it('pages through every order without gaps or repeats, in the stated order', async () => {
    const sqlOrder: Record<string, string> = {
      FULL_NAME_ASC: 'c.full_name COLLATE vietnamese, c.id',
      DATE_OF_BIRTH_ASC: 'c.date_of_birth, c.id',
      CREATED_AT_DESC: 'c.created_at DESC, c.id DESC',
    };
    for (const [o, orderSql] of Object.entries(sqlOrder)) {
      const ids: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const p = await page({ f: { body: 'GOVERNMENT' }, first: 7, after, o });
        pages++;
        expect(p.pageInfo.hasPreviousPage).toBe(after !== undefined);
        expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]?.cursor ?? null);
        ids.push(...p.edges.map((e) => e.node.id));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor!;
      }
      expect(pages).toBe(14);
      expect(new Set(ids).size).toBe(94);
      const expected = (
        (await t.app.dataSource.query(
          `SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.body = 'GOVERNMENT' ORDER BY ${orderSql}`,
        )) as Array<{ id: string }>
      ).map((r) => r.id);
      expect(ids).toEqual(expected);
    }
  });

  it('issues the same number of SQL statements for 10 and for 100 cadres with nested units', async () => {
    const q = `query($first: Int) { cadres(first: $first) { totalCount edges { node { fullName post { name } unit { name parent { name } } history { kind } } } } }`;
    const ten = await t.gql<{ cadres: { edges: unknown[] } }>(q, { first: 10 }, admin);
    const hundred = await t.gql<{ cadres: { edges: unknown[] } }>(q, { first: 100 }, admin);
    expect(ten.body.data!.cadres.edges).toHaveLength(10);
    expect(hundred.body.data!.cadres.edges).toHaveLength(100);
    expect(Number.isFinite(ten.sql)).toBe(true);
    expect(hundred.sql).toBe(ten.sql);
    expect(ten.sql).toBeLessThanOrEqual(8);
  });

  it('hides dates of birth and contact data from VIEWER, also in the history, and forbids it to filter by age', async () => {
    const id = await secretaryId();
    const full = (await t.gql<{ cadre: Record<string, unknown> }>(CADRE, { id }, await t.tokenFor(Role.STANDING_COMMITTEE))).body
      .data!.cadre;
    expect(full).toMatchObject({ fullName: 'Nguyễn Văn Thành', dateOfBirth: '1971-05-19' });
    expect(full['phone']).toMatch(/^09\d{8}$/);
    const viewer = await t.tokenFor(Role.VIEWER);
    const seen = (await t.gql<{ cadre: Record<string, unknown> }>(CADRE, { id }, viewer)).body.data!.cadre;
    expect(seen).toMatchObject({ fullName: 'Nguyễn Văn Thành', dateOfBirth: null, phone: null, email: null });
    await t.app.dataSource.query(
      `INSERT INTO cadre_history (cadre_id, kind, changes) VALUES ($1, 'UPDATED', '{"dateOfBirth": {"from": "1971-05-18", "to": "1971-05-19"}}')`,
      [id],
    );
    const hist = (
      await t.gql<{
        cadre: { history: Array<{ kind: string; changes: Array<{ field: string; from: string | null; to: string | null }> }> };
      }>(CADRE, { id }, viewer)
    ).body.data!.cadre.history;
    expect(hist.find((h) => h.kind === 'UPDATED')!.changes).toEqual([{ field: 'dateOfBirth', from: null, to: null }]);
    for (const vars of [{ f: { ageMin: 30 } }, { f: { ageMax: 60 } }, { o: 'DATE_OF_BIRTH_ASC' }]) {
      expect(onlyError(await t.gql(CADRES, vars, viewer)).extensions?.['code']).toBe('FORBIDDEN');
    }
    expect((await page({ first: 1 }, viewer)).totalCount).toBe(130);
  });

  it('shows a UNIT_HEAD the cadres of its unit and the units below it, and NOT_FOUND for others', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const res = await t.gql<{ cadres: { totalCount: number; edges: Array<{ node: { unit: { code: string } } }> } }>(
      '{ cadres(first: 100) { totalCount edges { node { unit { code } } } } }',
      {},
      head,
    );
    expect(res.body.data!.cadres.totalCount).toBe(91);
    expect(new Set(res.body.data!.cadres.edges.map((e) => e.node.unit.code))).toEqual(
      new Set(['AB-UBND', 'AB-VPUB', 'AB-PKT', 'AB-PVHXH', 'AB-TTHCC']),
    );
    expect(onlyError(await t.gql(CADRE, { id: await secretaryId() }, head)).extensions?.['code']).toBe('NOT_FOUND');
    expect((await page({ f: { body: 'PARTY_OFFICE' }, first: 1 }, head)).totalCount).toBe(0);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and stays healthy', async () => {
    expect(fieldsOf(await t.gql(CADRE, { id: 'not-a-uuid' }, admin))).toEqual([
      { path: 'id', message: 'phải là một mã UUID', code: 'INVALID_ID' },
    ]);
    expect(onlyError(await t.gql(CADRE, { id: randomUUID() }, admin)).extensions?.['code']).toBe('NOT_FOUND');
    for (const first of [0, -1, 101, 100000]) {
      const res = await t.gql(CADRES, { first }, admin);
      expect(onlyError(res).extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res).map((f) => f.path)).toEqual(['first']);
    }
    const p = await page({ first: 2 });
    const cursor = p.pageInfo.endCursor!;
    const [body, sig] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ o: 'FULL_NAME_ASC', k: "a') OR 1=1 --", i: randomUUID() })).toString('base64url');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const after of [
      `${flip(body)}.${sig}`,
      `${body}.${flip(sig)}`,
      `${forged}.${sig}`,
      'abc',
      '',
      `${body}`,
      'x'.repeat(1200),
    ]) {
      const res = await t.gql(CADRES, { first: 2, after }, admin);
      expect({ after, code: onlyError(res).extensions?.['code'] }).toEqual({ after, code: 'BAD_USER_INPUT' });
      expect(fieldsOf(res).map((f) => f.path)).toEqual(['after']);
    }
    // A genuine cursor used with another order is refused too.
    expect(fieldsOf(await t.gql(CADRES, { first: 2, after: cursor, o: 'CREATED_AT_DESC' }, admin)).map((f) => f.path)).toEqual([
      'after',
    ]);
    const long = await t.gql(CADRES, { f: { search: 'a'.repeat(10_000) } }, admin);
    expect(onlyError(long).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(fieldsOf(long).map((f) => f.path)).toEqual(['filter.search']);
    expect(fieldsOf(await t.gql(CADRES, { f: { search: 'Thành\u0000' } }, admin)).map((f) => f.path)).toEqual(['filter.search']);
    expect(fieldsOf(await t.gql(CADRES, { f: { unitId: 'abc' } }, admin)).map((f) => f.path)).toEqual(['filter.unitId']);
    expect(fieldsOf(await t.gql(CADRES, { f: { ageMin: 50, ageMax: 40 } }, admin)).map((f) => f.path)).toEqual(['filter.ageMin']);
    // Wrong types, in the document or in variables, are the client's error too, not an internal one.
    for (const [q, vars] of [
      ['{ cadres(first: "ten") { totalCount } }', {}],
      [CADRES, { first: 'ten' }],
      ['{ cadre(id: true) { id } }', {}],
      [CADRES, { f: { gender: 'UNKNOWN' } }],
      ['{ cadres { nonexistent } }', {}],
    ] as const) {
      expect({ q, code: onlyError(await t.gql(q, vars, admin)).extensions?.['code'] }).toEqual({ q, code: 'BAD_USER_INPUT' });
    }
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await page({ first: 1 })).totalCount).toBe(130);
    expect(onlyError(await t.gql(CADRES, {})).extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
