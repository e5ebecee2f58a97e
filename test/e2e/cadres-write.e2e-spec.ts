import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type GqlResponse, type TestApp } from '../support/test-app';

interface CadreView {
  id: string;
  version: number;
  fullName: string;
  status: string;
  dateOfBirth: string | null;
  inPlanningPool: boolean;
  unit: { code: string };
  post: { code: string };
  history: Array<{
    kind: string;
    actorName: string | null;
    note: string | null;
    changes: Array<{ field: string; from: string | null; to: string | null }>;
  }>;
}
const CADRE_FIELDS =
  'id version fullName status dateOfBirth inPlanningPool unit { code } post { code } history { kind actorName note changes { field from to } }';
const CREATE = `mutation($i: CreateCadreInput!) { createCadre(input: $i) { ${CADRE_FIELDS} } }`;
const UPDATE = `mutation($i: UpdateCadreInput!) { updateCadre(input: $i) { ${CADRE_FIELDS} } }`;
const MOVE = `mutation($i: MoveCadreInput!) { moveCadre(input: $i) { ${CADRE_FIELDS} } }`;
const END = `mutation($i: EndCadreEmploymentInput!) { endCadreEmployment(input: $i) { ${CADRE_FIELDS} } }`;
const CADRE = `query($id: ID!) { cadre(id: $id) { ${CADRE_FIELDS} } }`;

const fieldPaths = (res: GqlResponse) => [
  ...new Set(((onlyError(res).extensions?.['fields'] as Array<{ path: string }>) ?? []).map((f) => f.path)),
];

describe('cadres: changes with a history', () => {
  let t: TestApp;
  let editor: string;
  const unitId = new Map<string, string>();
  const postId = new Map<string, string>();
  const counts = async () =>
    (
      (await t.app.dataSource.query(
        `SELECT (SELECT count(*) FROM cadre)::int AS cadres, (SELECT count(*) FROM cadre_history)::int AS history`,
      )) as [{ cadres: number; history: number }]
    )[0];
  const holderOf = async (post: string, unit: string) =>
    (
      (await t.app.dataSource.query(
        `SELECT c.id FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id WHERE p.code = $1 AND u.code = $2 AND c.status = 'ACTIVE' ORDER BY c.full_name, c.id`,
        [post, unit],
      )) as Array<{ id: string }>
    ).map((r) => r.id);
  const read = async (id: string, token = editor) => (await t.gql<{ cadre: CadreView }>(CADRE, { id }, token)).body.data!.cadre;
  const newCadre = (over: Record<string, unknown> = {}) => ({
    fullName: 'Trần Thị Hồng Nhung',
    gender: 'FEMALE',
    dateOfBirth: '1994-03-08',
    unitId: unitId.get('AB-PKT'),
    postId: postId.get('SPECIALIST'),
    civilServiceCategory: 'CIVIL_SERVANT',
    qualification: 'BACHELOR',
    politicalTheory: 'ELEMENTARY',
    partyMember: true,
    partyJoinedOn: '2018-05-19',
    phone: '0912 345 678',
    email: 'nhung.tth@anbien.gov.vn',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    editor = await t.tokenFor(Role.PARTY_BUILDING);
    const res = await t.gql<{ units: Array<{ id: string; code: string }>; posts: Array<{ id: string; code: string }> }>(
      '{ units(first: 500) { id code } posts { id code } }',
      {},
      editor,
    );
    for (const u of res.body.data!.units) unitId.set(u.code, u.id);
    for (const p of res.body.data!.posts) postId.set(p.code, p.id);
  });
  afterAll(() => t.stop());

  it('registers a cadre, records who did it, and finds it by name without accents', async () => {
    const res = await t.gql<{ createCadre: CadreView }>(CREATE, { i: newCadre() }, editor);
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data!.createCadre;
    expect(created).toMatchObject({
      version: 1,
      fullName: 'Trần Thị Hồng Nhung',
      status: 'ACTIVE',
      unit: { code: 'AB-PKT' },
      post: { code: 'SPECIALIST' },
    });
    expect(created.history).toHaveLength(1);
    expect(created.history[0]).toMatchObject({ kind: 'CREATED', actorName: 'Ban Xây dựng Đảng' });
    expect(created.history[0]!.changes).toEqual(
      expect.arrayContaining([{ field: 'fullName', from: null, to: 'Trần Thị Hồng Nhung' }]),
    );
    const found = await t.gql<{ cadres: { edges: Array<{ node: { id: string } }> } }>(
      '{ cadres(filter: { search: "tran thi hong nhung" }) { edges { node { id } } } }',
      {},
      editor,
    );
    expect(found.body.data!.cadres.edges[0]!.node.id).toBe(created.id);
  });

  it('refuses invalid cadres with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await counts();
    const future = `${new Date().getUTCFullYear() + 1}-01-01`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ dateOfBirth: future }, 'input.dateOfBirth'],
      [{ dateOfBirth: '2023-02-30' }, 'input.dateOfBirth'],
      [{ dateOfBirth: '15/03/1990' }, 'input.dateOfBirth'],
      [{ dateOfBirth: `${new Date().getUTCFullYear() - 10}-01-01` }, 'input.dateOfBirth'],
      [{ fullName: 'Trần Thị\u0007 Nhung' }, 'input.fullName'],
      [{ fullName: 'Trần\nThị' }, 'input.fullName'],
      [{ fullName: 'R2-D2' }, 'input.fullName'],
      [{ unitId: randomUUID() }, 'input.unitId'],
      [{ unitId: 'not-a-uuid' }, 'input.unitId'],
      [{ unitId: unitId.get('AB-ROOT') }, 'input.unitId'],
      [{ postId: randomUUID() }, 'input.postId'],
      [{ partyJoinedOn: undefined }, 'input.partyJoinedOn'],
      [{ partyMember: false }, 'input.partyJoinedOn'],
      [{ partyJoinedOn: '2000-01-01' }, 'input.partyJoinedOn'],
      [{ planningPostId: postId.get('DEPARTMENT_HEAD') }, 'input.planningPostId'],
      [{ email: 'not-an-email' }, 'input.email'],
      [{ phone: 'call me' }, 'input.phone'],
    ];
    for (const [over, path] of cases) {
      const res = await t.gql(CREATE, { i: newCadre(over) }, editor);
      expect({ over, code: onlyError(res).extensions?.['code'], paths: fieldPaths(res) }).toEqual({
        over,
        code: 'BAD_USER_INPUT',
        paths: [path],
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only the Party Building Board and admins change the register', async () => {
    for (const role of [Role.VIEWER, Role.UNIT_HEAD, Role.STANDING_COMMITTEE, Role.INSPECTION_COMMITTEE, Role.INTAKE_STAFF]) {
      const res = await t.gql(CREATE, { i: newCadre({ fullName: 'Lê Văn Cấm' }) }, await t.tokenFor(role));
      expect({ role, code: onlyError(res).extensions?.['code'] }).toEqual({ role, code: 'FORBIDDEN' });
    }
    const byAdmin = await t.gql<{ createCadre: CadreView }>(
      CREATE,
      { i: newCadre({ fullName: 'Lê Văn Được' }) },
      await t.tokenFor(Role.ADMIN),
    );
    expect(byAdmin.body.data!.createCadre.history[0]!.actorName).toBe('Quản trị hệ thống');
  });

  it('records updates field by field, refuses a stale version with CONFLICT, and skips empty changes', async () => {
    const [id] = await holderOf('SPECIALIST', 'AB-PVHXH');
    const before = await read(id!);
    const first = await t.gql<{ updateCadre: CadreView }>(
      UPDATE,
      { i: { id, version: before.version, qualification: 'MASTER', note: 'Bằng thạc sĩ 2025' } },
      editor,
    );
    expect(first.body.errors).toBeUndefined();
    const after = first.body.data!.updateCadre;
    expect(after.version).toBe(before.version + 1);
    const entry = after.history[after.history.length - 1]!;
    expect(entry).toMatchObject({ kind: 'UPDATED', note: 'Bằng thạc sĩ 2025', actorName: 'Ban Xây dựng Đảng' });
    expect(entry.changes).toEqual([{ field: 'qualification', from: expect.any(String), to: 'MASTER' }]);

    const stale = await t.gql(UPDATE, { i: { id, version: before.version, fullName: 'Ghi Đè Mất' } }, editor);
    expect(onlyError(stale).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: after.version });
    expect((await read(id!)).fullName).toBe(before.fullName);

    const same = await t.gql<{ updateCadre: CadreView }>(
      UPDATE,
      { i: { id, version: after.version, qualification: 'MASTER' } },
      editor,
    );
    expect(same.body.data!.updateCadre.version).toBe(after.version);
    expect(same.body.data!.updateCadre.history).toHaveLength(after.history.length);
    expect(
      onlyError(await t.gql(UPDATE, { i: { id: randomUUID(), version: 1, qualification: 'MASTER' } }, editor)).extensions?.[
        'code'
      ],
    ).toBe('NOT_FOUND');
    expect(fieldPaths(await t.gql(UPDATE, { i: { id, version: after.version, dateOfBirth: '2999-01-01' } }, editor))).toEqual([
      'input.dateOfBirth',
    ]);
  });

  it('keeps a single-holder post to one holder (CONFLICT naming the holder) until the holder leaves', async () => {
    const [chair] = await holderOf('PEOPLES_COMMITTEE_CHAIR', 'AB-UBND');
    const chairView = await read(chair!);
    const createSecond = await t.gql(
      CREATE,
      {
        i: newCadre({
          fullName: 'Phạm Văn Thứ Hai',
          unitId: unitId.get('AB-UBND'),
          postId: postId.get('PEOPLES_COMMITTEE_CHAIR'),
        }),
      },
      editor,
    );
    expect(onlyError(createSecond).extensions).toMatchObject({
      code: 'CONFLICT',
      holderId: chair,
      holderName: chairView.fullName,
    });
    expect(onlyError(createSecond).message).toContain(chairView.fullName);

    const [deputy] = await holderOf('PEOPLES_COMMITTEE_VICE_CHAIR', 'AB-UBND');
    const deputyView = await read(deputy!);
    const appoint = {
      id: deputy,
      version: deputyView.version,
      kind: 'APPOINTMENT',
      postId: postId.get('PEOPLES_COMMITTEE_CHAIR'),
      note: 'Quyết định số 12/QĐ-UBND',
    };
    expect(onlyError(await t.gql(MOVE, { i: appoint }, editor)).extensions).toMatchObject({
      code: 'CONFLICT',
      holderName: chairView.fullName,
    });

    const ended = await t.gql<{ endCadreEmployment: CadreView }>(
      END,
      { i: { id: chair, version: chairView.version, status: 'RETIRED', endedOn: '2025-12-31', note: 'Nghỉ hưu' } },
      editor,
    );
    expect(ended.body.errors).toBeUndefined();
    const endedView = ended.body.data!.endCadreEmployment;
    expect(endedView.status).toBe('RETIRED');
    expect(endedView.history[endedView.history.length - 1]).toMatchObject({
      kind: 'EMPLOYMENT_ENDED',
      changes: expect.arrayContaining([{ field: 'status', from: 'ACTIVE', to: 'RETIRED' }]),
    });

    const appointed = await t.gql<{ moveCadre: CadreView }>(MOVE, { i: appoint }, editor);
    expect(appointed.body.errors).toBeUndefined();
    const view = appointed.body.data!.moveCadre;
    expect(view.post.code).toBe('PEOPLES_COMMITTEE_CHAIR');
    expect(view.history[view.history.length - 1]).toMatchObject({
      kind: 'APPOINTED',
      note: 'Quyết định số 12/QĐ-UBND',
      changes: expect.arrayContaining([
        { field: 'post', from: 'Phó Chủ tịch Ủy ban nhân dân phường', to: 'Chủ tịch Ủy ban nhân dân phường' },
      ]),
    });

    // An ended employment cannot end again, and the cadre cannot be moved.
    expect(
      onlyError(
        await t.gql(END, { i: { id: chair, version: endedView.version, status: 'DISMISSED', endedOn: '2025-12-31' } }, editor),
      ).extensions?.['code'],
    ).toBe('CONFLICT');
    expect(
      onlyError(
        await t.gql(
          MOVE,
          { i: { id: chair, version: endedView.version, kind: 'TRANSFER', unitId: unitId.get('AB-PKT') } },
          editor,
        ),
      ).extensions?.['code'],
    ).toBe('CONFLICT');
  });

  it('transfers and rotates between units, recorded with the unit names, and keeps counts in step', async () => {
    const [id] = await holderOf('SPECIALIST', 'AB-TTHCC');
    const v = await read(id!);
    const countOf = async (code: string) =>
      (
        await t.gql<{ unit: { cadreCount: number } }>(
          'query($id: ID!) { unit(id: $id) { cadreCount } }',
          { id: unitId.get(code) },
          editor,
        )
      ).body.data!.unit.cadreCount;
    const [tthcc, pkt] = [await countOf('AB-TTHCC'), await countOf('AB-PKT')];
    const moved = await t.gql<{ moveCadre: CadreView }>(
      MOVE,
      { i: { id, version: v.version, kind: 'TRANSFER', unitId: unitId.get('AB-PKT') } },
      editor,
    );
    expect(moved.body.errors).toBeUndefined();
    const m = moved.body.data!.moveCadre;
    expect(m.history[m.history.length - 1]).toMatchObject({
      kind: 'TRANSFERRED',
      changes: [{ field: 'unit', from: 'Trung tâm Phục vụ hành chính công', to: 'Phòng Kinh tế, Hạ tầng và Đô thị' }],
    });
    expect([await countOf('AB-TTHCC'), await countOf('AB-PKT')]).toEqual([tthcc - 1, pkt + 1]);
    const rotated = await t.gql<{ moveCadre: CadreView }>(
      MOVE,
      { i: { id, version: m.version, kind: 'ROTATION', unitId: unitId.get('AB-VPDU') } },
      editor,
    );
    expect(rotated.body.data!.moveCadre.history.map((h) => h.kind).slice(-2)).toEqual(['TRANSFERRED', 'ROTATED']);
    const nothing = await t.gql(
      MOVE,
      { i: { id, version: m.version + 1, kind: 'TRANSFER', unitId: unitId.get('AB-VPDU') } },
      editor,
    );
    expect(onlyError(nothing).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(
      fieldPaths(await t.gql(END, { i: { id, version: m.version + 1, status: 'ACTIVE', endedOn: '2025-01-01' } }, editor)),
    ).toEqual(['input.status']);
    expect(
      fieldPaths(await t.gql(END, { i: { id, version: m.version + 1, status: 'RETIRED', endedOn: '2999-01-01' } }, editor)),
    ).toEqual(['input.endedOn']);
  });

  it('hides changed dates of birth from VIEWER in the history', async () => {
    const [id] = await holderOf('SPECIALIST', 'AB-VPUB');
    const v = await read(id!);
    await t.gql(UPDATE, { i: { id, version: v.version, dateOfBirth: '1990-01-02' } }, editor);
    const viewer = await read(id!, await t.tokenFor(Role.VIEWER));
    expect(viewer.dateOfBirth).toBeNull();
    expect(viewer.history[viewer.history.length - 1]!.changes).toEqual([{ field: 'dateOfBirth', from: null, to: null }]);
    const full = await read(id!);
    expect(full.history[full.history.length - 1]!.changes).toEqual([
      { field: 'dateOfBirth', from: v.dateOfBirth, to: '1990-01-02' },
    ]);
  });

  it('lets exactly one of two concurrent writers win: the post goes to one, a version to one', async () => {
    const input = (fullName: string) =>
      newCadre({ fullName, unitId: unitId.get('AB-HDND'), postId: postId.get('DEPARTMENT_HEAD') });
    const both = await Promise.all([
      t.gql(CREATE, { i: input('Võ Văn Nhanh') }, editor),
      t.gql(CREATE, { i: input('Đỗ Thị Nhanh') }, editor),
    ]);
    const codes = both.map((r) => r.body.errors?.[0]?.extensions?.['code'] ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(await holderOf('DEPARTMENT_HEAD', 'AB-HDND')).toHaveLength(1);

    const [id] = await holderOf('SPECIALIST', 'AB-HDND');
    const v = await read(id!);
    const updates = await Promise.all(
      ['COLLEGE', 'DOCTOR'].map((qualification) => t.gql(UPDATE, { i: { id, version: v.version, qualification } }, editor)),
    );
    expect(updates.map((r) => r.body.errors?.[0]?.extensions?.['code'] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const after = await read(id!);
    expect(after.version).toBe(v.version + 1);
    expect(after.history.filter((h) => h.kind === 'UPDATED')).toHaveLength(1);
  });

  it('keeps the history append-only in the database itself', async () => {
    await expect(t.app.dataSource.query(`UPDATE cadre_history SET note = 'sửa lịch sử'`)).rejects.toThrow(/append-only/);
    await expect(t.app.dataSource.query(`DELETE FROM cadre_history`)).rejects.toThrow(/append-only/);
  });
});
