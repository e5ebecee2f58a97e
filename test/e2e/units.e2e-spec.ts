import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

interface UnitView {
  id: string;
  code: string;
  name: string;
  kind: string;
  body: string | null;
  cadreCount: number;
  parent: { name: string } | null;
  children: Array<{ code: string; name: string }>;
}
const UNIT_FIELDS = 'id code name kind body cadreCount parent { name } children { code name }';
const UNITS = `query($f: UnitFilter, $first: Int) { units(filter: $f, first: $first) { ${UNIT_FIELDS} } }`;
const UNIT = `query($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} } }`;

describe('units: the organisation tree', () => {
  let t: TestApp;
  let admin: string;
  const byCode = new Map<string, UnitView>();
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = await t.tokenFor(Role.ADMIN);
    const res = await t.gql<{ units: UnitView[] }>(UNITS, { first: 500 }, admin);
    for (const u of res.body.data!.units) byCode.set(u.code, u);
  });
  afterAll(() => t.stop());
  const unit = (code: string) => byCode.get(code)!;

  it('has the ward Party committee as root with its three bodies, Party cells and 30 residential-group cells', async () => {
    const root = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { kind: 'PARTY_COMMITTEE' } }, admin)).body.data!.units;
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ name: 'Đảng ủy phường An Biên', body: null, parent: null, cadreCount: 130 });
    const childNames = root[0]!.children.map((c) => c.name);
    expect(childNames).toEqual(
      expect.arrayContaining([
        'Cơ quan Đảng ủy phường An Biên',
        'Cơ quan Mặt trận Tổ quốc Việt Nam phường An Biên',
        'Cơ quan chính quyền phường An Biên',
        'Chi bộ Tổ dân phố 1',
      ]),
    );
    const cells = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { kind: 'RESIDENTIAL_PARTY_CELL' } }, admin)).body.data!.units;
    expect(cells).toHaveLength(30);
    expect(new Set(cells.map((c) => c.body))).toEqual(new Set(['PARTY_OFFICE']));
    expect(cells.every((c) => c.parent?.name === 'Đảng ủy phường An Biên')).toBe(true);
  });

  it('lists the bodies with the resolution’s head counts and filters by body and kind', async () => {
    const bodies = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { kind: 'BODY' } }, admin)).body.data!.units;
    expect(Object.fromEntries(bodies.map((b) => [b.body, b.cadreCount]))).toEqual({
      PARTY_OFFICE: 20,
      FATHERLAND_FRONT: 16,
      GOVERNMENT: 94,
    });
    const gov = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { body: 'GOVERNMENT' } }, admin)).body.data!.units;
    expect(gov.map((u) => u.code).sort()).toEqual(['AB-CQCQ', 'AB-HDND', 'AB-PKT', 'AB-PVHXH', 'AB-TTHCC', 'AB-UBND', 'AB-VPUB']);
    const offices = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { body: 'FATHERLAND_FRONT', kind: 'OFFICE' } }, admin)).body
      .data!.units;
    expect(offices).toHaveLength(4);
    expect(offices.every((u) => u.body === 'FATHERLAND_FRONT' && u.kind === 'OFFICE')).toBe(true);
  });

  it('answers unit(id) with parent, children and the cadre count of its subtree', async () => {
    const res = await t.gql<{ unit: UnitView }>(UNIT, { id: unit('AB-UBND').id }, admin);
    expect(res.body.data!.unit).toMatchObject({
      name: 'Ủy ban nhân dân phường An Biên',
      cadreCount: 91,
      parent: { name: 'Cơ quan chính quyền phường An Biên' },
    });
    expect(res.body.data!.unit.children.map((c) => c.code)).toEqual(['AB-PKT', 'AB-PVHXH', 'AB-TTHCC', 'AB-VPUB']);
    const within = (await t.gql<{ units: UnitView[] }>(UNITS, { f: { withinUnitId: unit('AB-UBND').id } }, admin)).body.data!
      .units;
    expect(within).toHaveLength(5);
  });

  it('shows a UNIT_HEAD its own unit and the units below it only', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const seen = (await t.gql<{ units: UnitView[] }>(UNITS, {}, head)).body.data!.units;
    expect(seen.map((u) => u.code).sort()).toEqual(['AB-PKT', 'AB-PVHXH', 'AB-TTHCC', 'AB-UBND', 'AB-VPUB']);
    const own = (await t.gql<{ unit: UnitView }>(UNIT, { id: unit('AB-UBND').id }, head)).body.data!.unit;
    expect(own.parent).toBeNull();
    for (const code of ['AB-ROOT', 'AB-CQDU', 'AB-HDND']) {
      expect(onlyError(await t.gql(UNIT, { id: unit(code).id }, head)).extensions?.['code']).toBe('NOT_FOUND');
    }
    expect(onlyError(await t.gql(UNITS, { f: { withinUnitId: unit('AB-ROOT').id } }, head)).extensions?.['code']).toBe(
      'NOT_FOUND',
    );
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT naming the argument for a malformed one', async () => {
    expect(onlyError(await t.gql(UNIT, { id: randomUUID() }, admin)).extensions?.['code']).toBe('NOT_FOUND');
    const bad = onlyError(await t.gql(UNIT, { id: '42' }, admin));
    expect(bad.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'id', message: 'phải là một mã UUID', code: 'INVALID_ID' }],
    });
    for (const first of [0, 501]) {
      const tooMany = onlyError(await t.gql(UNITS, { first }, admin));
      expect(tooMany.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect((tooMany.extensions?.['fields'] as Array<{ path: string }>)[0]?.path).toBe('first');
    }
    expect(onlyError(await t.gql(UNITS, {})).extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('loads parents, children and counts per request, not per unit', async () => {
    const q = `query($first: Int) { units(first: $first) { name parent { name } children { name } cadreCount } }`;
    const few = await t.gql(q, { first: 3 }, admin);
    const many = await t.gql(q, { first: 60 }, admin);
    expect(many.body.errors).toBeUndefined();
    expect(many.sql).toBe(few.sql);
  });

  it('answers a document over the cost or depth limit with BAD_USER_INPUT, not an internal error', async () => {
    // A full page of units with their children and parent is an ordinary screen (the contract test);
    // lists nested three deep under it are not.
    const costly = await t.gql('{ units(first: 500) { name children { children { children { name } } } } }', {}, admin);
    expect(onlyError(costly).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(onlyError(costly).message).toMatch(/Truy vấn quá nặng/);
    const deep = await t.gql(
      '{ units { children { children { children { children { children { children { name } } } } } } } }',
      {},
      admin,
    );
    // Seven lists deep is over the cost limit as well as the depth limit.
    expect(deep.body.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(deep.body.errors?.map((e) => e.message).join('\n')).toMatch(/độ sâu \d+ vượt giới hạn 6/);
    expect((await t.gql<{ units: unknown[] }>('{ units(first: 1) { name } }', {}, admin)).body.data!.units).toHaveLength(1);
  });

  it('refuses to attach an account to a unit that does not exist', async () => {
    const res = await t.gql(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'head2@anbien.test',
          displayName: 'Trưởng phòng',
          password: 'a-long-password-1',
          role: 'UNIT_HEAD',
          unitId: randomUUID(),
        },
      },
      admin,
    );
    expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.unitId' }] });
    const ok = await t.gql<{ createAccount: { id: string } }>(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'head2@anbien.test',
          displayName: 'Trưởng phòng',
          password: 'a-long-password-1',
          role: 'UNIT_HEAD',
          unitId: unit('AB-PKT').id,
        },
      },
      admin,
    );
    expect(ok.body.errors).toBeUndefined();
  });
});
