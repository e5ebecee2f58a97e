import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const ROTATIONS = `query($y: Int!, $u: ID) { rotations(year: $y, unitId: $u) { id at note cadre { id fullName unit { id name } } changes { field from to } } }`;
const POOL = `query($u: ID) { planningPool(unitId: $u, first: 100) { total youngPercent womenPercent postgraduatePercent cadres { id } } }`;

interface RotationView {
  id: string;
  at: string;
  note: string | null;
  cadre: { id: string; fullName: string; unit: { id: string; name: string } } | null;
  changes: Array<{ field: string; from: string | null; to: string | null }>;
}

describe('succession planning and rotations (issue 7, item 6)', () => {
  let t: TestApp;
  let pb: string;
  const year = Number(todayInVietnam().slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedQuality: true });
    pb = await t.tokenFor(Role.PARTY_BUILDING);
  });
  afterAll(() => t.stop());

  const rotations = async (token: string, unitId?: string) => {
    const res = await t.gql<{ rotations: RotationView[] }>(ROTATIONS, { y: year, u: unitId ?? null }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.rotations;
  };

  it('starts with the demo ward’s rotations: two pairs of civil servants who swapped offices, each cadre now in the unit it went to', async () => {
    const list = await rotations(pb);
    expect(list).toHaveLength(4);
    for (const r of list) {
      expect(r.changes).toEqual([{ field: 'unit', from: expect.any(String), to: r.cadre!.unit.name }]);
      expect(r.changes[0]!.from).not.toBe(r.changes[0]!.to);
      expect(r.note).toContain('Luân chuyển');
    }
    // A swap: what one pair member left, the other joined.
    const [a, b] = list;
    expect([a!.changes[0]!.from, a!.changes[0]!.to]).toEqual([b!.changes[0]!.to, b!.changes[0]!.from]);
    // The demo's figures hold: the government body still has its 94 cadres.
    const gov = await t.gql<{ cadres: { totalCount: number } }>(
      `{ cadres(filter: { body: GOVERNMENT }) { totalCount } }`,
      {},
      pb,
    );
    expect(gov.body.data!.cadres.totalCount).toBe(94);
    expect((await rotations(pb)).map((r) => r.id)).toEqual(list.map((r) => r.id));
    const before = await t.gql<{ rotations: RotationView[] }>(ROTATIONS, { y: 2025 }, pb);
    expect(before.body.data!.rotations).toEqual([]);
  });

  it('lists a rotation made through moveCadre, dated, with the unit it left and the one it joined', async () => {
    const [c] = (await t.app.dataSource.query(
      `SELECT c.id, c.version, u.name AS unit, (SELECT id FROM unit WHERE code = 'AB-VPDU') AS target
       FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
       WHERE u.code = 'AB-TTHCC' AND NOT p.is_management AND NOT p.single_holder ORDER BY c.id LIMIT 1`,
    )) as Array<{ id: string; version: number; unit: string; target: string }>;
    const moved = await t.gql(
      `mutation($i: MoveCadreInput!) { moveCadre(input: $i) { id } }`,
      { i: { id: c!.id, version: c!.version, kind: 'ROTATION', unitId: c!.target, note: 'Quyết định luân chuyển số 12-QĐ/ĐU' } },
      pb,
    );
    expect(moved.body.errors).toBeUndefined();
    const list = await rotations(pb);
    expect(list).toHaveLength(5);
    const last = list.at(-1)!;
    expect(last).toMatchObject({
      note: 'Quyết định luân chuyển số 12-QĐ/ĐU',
      cadre: { id: c!.id, unit: { id: c!.target } },
      changes: [{ field: 'unit', from: c!.unit, to: 'Văn phòng Đảng ủy' }],
    });
    expect(Date.now() - Date.parse(last.at)).toBeLessThan(60_000);
    // By unit: the unit it joined lists it; the unit it left does not (cadres now in the unit).
    expect((await rotations(pb, c!.target)).map((r) => r.cadre!.id)).toContain(c!.id);
    const [left] = (await t.app.dataSource.query(`SELECT id FROM unit WHERE code = 'AB-TTHCC'`)) as Array<{ id: string }>;
    expect((await rotations(pb, left!.id)).map((r) => r.cadre!.id)).not.toContain(c!.id);
  });

  it('shows a unit head only the rotations of cadres now within its units, and no unit outside them', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const [scope] = (await t.app.dataSource.query(
      `SELECT u.path FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.email = 'truongdonvi@anbien.test'`,
    )) as Array<{ path: string }>;
    const all = await rotations(pb);
    const paths = new Map(
      ((await t.app.dataSource.query(`SELECT id, path FROM unit`)) as Array<{ id: string; path: string }>).map((u) => [
        u.id,
        u.path,
      ]),
    );
    const expected = all.filter((r) => paths.get(r.cadre!.unit.id)!.startsWith(scope!.path)).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect((await rotations(head)).map((r) => r.id)).toEqual(expected);
    const [outside] = (await t.app.dataSource.query(`SELECT id FROM unit WHERE path NOT LIKE $1 || '%' LIMIT 1`, [
      scope!.path,
    ])) as Array<{
      id: string;
    }>;
    expect(onlyError(await t.gql(ROTATIONS, { y: year, u: outside!.id }, head)).extensions?.['code']).toBe('NOT_FOUND');
  });

  it('refuses a year out of range with BAD_USER_INPUT naming the argument', async () => {
    const err = onlyError(await t.gql(ROTATIONS, { y: 1900 }, pb));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.extensions?.['fields']).toEqual([{ path: 'year', message: 'phải từ 2000 đến 2100', code: 'OUT_OF_RANGE' }]);
  });

  it('gives the planning pool’s shares of young cadres, women and postgraduates as the register has them', async () => {
    const res = await t.gql<{
      planningPool: {
        total: number;
        youngPercent: number | null;
        womenPercent: number | null;
        postgraduatePercent: number | null;
        cadres: Array<{ id: string }>;
      };
    }>(POOL, {}, pb);
    expect(res.body.errors).toBeUndefined();
    const [db] = (await t.app.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE gender = 'FEMALE')::int AS women,
              count(*) FILTER (WHERE qualification IN ('MASTER', 'DOCTOR'))::int AS postgrad
       FROM cadre WHERE in_planning_pool AND status IN ('ACTIVE', 'ON_LEAVE')`,
    )) as Array<{ n: number; women: number; postgrad: number }>;
    const pool = res.body.data!.planningPool;
    expect(db!.n).toBeGreaterThan(0);
    expect(pool.total).toBe(db!.n);
    expect(pool.cadres).toHaveLength(Math.min(100, db!.n));
    expect(pool.womenPercent).toBeCloseTo((100 * db!.women) / db!.n, 2);
    expect(pool.postgraduatePercent).toBeCloseTo((100 * db!.postgrad) / db!.n, 2);
    expect(pool.youngPercent).not.toBeNull();
  });
});
