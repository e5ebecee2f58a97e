import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const PLAN = `mutation($i: CreateInspectionPlanInput!) { createInspectionPlan(input: $i) { id scope fromYear toYear } }`;
const ITEM = `mutation($i: AddPlanItemInput!) { addPlanItem(input: $i) { id plannedYear plannedQuarter } }`;
const PLANS = `query($y: Int!) { inspectionPlans(year: $y) { id scope fromYear toYear items { id kind inspection { id status } } progress { planned started concluded overdue } } }`;

describe('inspection programmes and commendations', () => {
  let t: TestApp;
  let ic: string;
  let unitId: string;
  let cadreId: string;
  const year = Number(todayInVietnam().slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [u] = (await t.app.dataSource.query(`SELECT id FROM unit WHERE kind = 'PARTY_CELL' ORDER BY code LIMIT 1`)) as Array<{
      id: string;
    }>;
    unitId = u!.id;
    const [c] = (await t.app.dataSource.query(`SELECT id FROM cadre WHERE party_member ORDER BY full_name LIMIT 1`)) as Array<{
      id: string;
    }>;
    cadreId = c!.id;
  });
  afterAll(() => t.stop());

  let termId: string;
  let yearId: string;

  it('keeps one term programme and one plan per year, and refuses a yearly plan over several years', async () => {
    const term = await t.gql<{ createInspectionPlan: { id: string } }>(
      PLAN,
      {
        i: {
          scope: 'TERM',
          fromYear: 2025,
          toYear: 2030,
          title: 'Chương trình kiểm tra, giám sát toàn khóa 2025-2030',
          issuingBody: 'Ban Chấp hành Đảng bộ phường',
        },
      },
      ic,
    );
    expect(term.body.errors).toBeUndefined();
    termId = term.body.data!.createInspectionPlan.id;
    const dup = onlyError(
      await t.gql(
        PLAN,
        {
          i: {
            scope: 'TERM',
            fromYear: 2025,
            toYear: 2030,
            title: 'Chương trình trùng',
            issuingBody: 'Ban Chấp hành Đảng bộ phường',
          },
        },
        ic,
      ),
    );
    expect(dup.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TERM_OVERLAP' });
    // A term programme cannot overlap another, even in part.
    const overlap = onlyError(
      await t.gql(
        PLAN,
        { i: { scope: 'TERM', fromYear: 2030, toYear: 2035, title: 'Chương trình chồng lấn', issuingBody: 'Ban Chấp hành' } },
        ic,
      ),
    );
    expect(overlap.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TERM_OVERLAP',
      fields: [{ path: 'input.fromYear' }],
    });
    expect(overlap.message).toBe(
      'Chương trình toàn khóa không được trùng thời gian với chương trình khác: 2030-2035 trùng với "Chương trình kiểm tra, giám sát toàn khóa 2025-2030" (2025-2030)',
    );
    // A yearly plan lies within a term.
    const outsideTerm = onlyError(
      await t.gql(
        PLAN,
        { i: { scope: 'YEAR', fromYear: 2031, toYear: 2031, title: 'Kế hoạch năm 2031', issuingBody: 'Ủy ban Kiểm tra' } },
        ic,
      ),
    );
    expect(outsideTerm.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLAN_OUTSIDE_TERM' });
    expect(outsideTerm.message).toContain('Kế hoạch năm phải nằm trong một nhiệm kỳ');
    expect((await t.app.dataSource.query(`SELECT count(*)::int AS n FROM inspection_plan`)) as Array<{ n: number }>).toEqual([
      { n: 1 },
    ]);
    const wide = onlyError(
      await t.gql(
        PLAN,
        { i: { scope: 'YEAR', fromYear: 2026, toYear: 2027, title: 'Kế hoạch năm sai', issuingBody: 'Ủy ban Kiểm tra' } },
        ic,
      ),
    );
    expect(wide.extensions?.['code']).toBe('BAD_USER_INPUT');
    const y = await t.gql<{ createInspectionPlan: { id: string } }>(
      PLAN,
      {
        i: {
          scope: 'YEAR',
          fromYear: year,
          toYear: year,
          title: `Kế hoạch kiểm tra, giám sát năm ${year}`,
          issuingBody: 'Ủy ban Kiểm tra Đảng ủy phường',
        },
      },
      ic,
    );
    yearId = y.body.data!.createInspectionPlan.id;
  });

  it('tracks planned vs started vs concluded, and overdue items', async () => {
    const item = (quarter: number, over: Record<string, unknown> = {}) => ({
      planId: yearId,
      kind: 'REGULAR_SUPERVISION',
      subjectType: 'UNIT',
      subjectUnitId: unitId,
      area: 'STAGNATION',
      plannedYear: year,
      plannedQuarter: quarter,
      responsibleBody: 'Ủy ban Kiểm tra Đảng ủy phường',
      ...over,
    });
    const outside = onlyError(await t.gql(ITEM, { i: item(1, { plannedYear: year + 1 }) }, ic));
    expect(outside.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(outside.message).toContain('nằm ngoài thời gian của chương trình');
    const past = await t.gql<{ addPlanItem: { id: string } }>(ITEM, { i: item(1) }, ic);
    await t.gql(
      ITEM,
      {
        i: item(4, {
          kind: 'THEMATIC_INSPECTION',
          subjectType: 'CADRE',
          subjectUnitId: null,
          subjectCadreId: cadreId,
          area: 'CORRUPTION',
        }),
      },
      ic,
    );
    const itemId = past.body.data!.addPlanItem.id;
    const create = `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id version } }`;
    const input = {
      kind: 'REGULAR_SUPERVISION',
      title: 'Giám sát chi bộ theo kế hoạch',
      subjectType: 'UNIT',
      subjectUnitId: unitId,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-03-31`,
      planItemId: itemId,
    };
    const insp = await t.gql<{ createInspection: { id: string; version: number } }>(create, { i: input }, ic);
    expect(insp.body.errors).toBeUndefined();
    const twice = onlyError(await t.gql(create, { i: input }, ic));
    expect(twice.extensions?.['code']).toBe('CONFLICT');
    expect(twice.message).toContain('đã được thực hiện bằng cuộc kiểm tra, giám sát');

    const res = await t.gql<{ inspectionPlans: Array<{ id: string; scope: string; progress: Record<string, number> }> }>(
      PLANS,
      { y: year },
      ic,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.inspectionPlans.map((p) => p.id)).toEqual([termId, yearId]);
    // Q1 has ended without a conclusion (the suite runs after 31 March of the current year in the demo calendar, or Q1 is not yet over).
    const q1Over = todayInVietnam() > `${year}-03-31`;
    expect(res.body.data!.inspectionPlans[1]!.progress).toEqual({
      planned: 2,
      started: 0,
      concluded: 0,
      overdue: q1Over ? 1 : 0,
    });
  });

  it('changes a programme and a planned item only with the version the client read', async () => {
    const UPDATE_PLAN = `mutation($i: UpdateInspectionPlanInput!) { updateInspectionPlan(input: $i) { id version title documentNumber } }`;
    const UPDATE_ITEM = `mutation($i: UpdatePlanItemInput!) { updatePlanItem(input: $i) { id version plannedQuarter area subjectType subjectUnitId subjectCadreId } }`;
    const [plan] = (await t.app.dataSource.query(`SELECT version FROM inspection_plan WHERE id = $1`, [yearId])) as Array<{
      version: number;
    }>;
    const v = plan!.version;
    const renamed = await t.gql<{ updateInspectionPlan: { version: number; title: string; documentNumber: string } }>(
      UPDATE_PLAN,
      { i: { id: yearId, version: v, title: `Kế hoạch kiểm tra, giám sát năm ${year} (sửa đổi)`, documentNumber: '12-KH/UBKT' } },
      ic,
    );
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data!.updateInspectionPlan).toMatchObject({ version: v + 1, documentNumber: '12-KH/UBKT' });
    // A second editor still holding the version before: CONFLICT naming the current one, nothing written.
    const stalePlan = onlyError(
      await t.gql(UPDATE_PLAN, { i: { id: yearId, version: v, title: 'Tiêu đề của người sửa sau' } }, ic),
    );
    expect(stalePlan.extensions).toMatchObject({ code: 'CONFLICT', id: yearId, currentVersion: v + 1 });
    expect(stalePlan.message).toContain(`bạn gửi phiên bản ${v}, nay là ${v + 1}`);
    const cleared = await t.gql<{ updateInspectionPlan: { version: number; documentNumber: string | null } }>(
      UPDATE_PLAN,
      { i: { id: yearId, version: v + 1, documentNumber: null } },
      ic,
    );
    expect(cleared.body.data!.updateInspectionPlan).toMatchObject({ version: v + 2, documentNumber: null });
    expect(onlyError(await t.gql(UPDATE_PLAN, { i: { id: yearId, version: v + 2 } }, ic)).extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
    const viewer = await t.tokenFor(Role.VIEWER);
    expect(
      onlyError(await t.gql(UPDATE_PLAN, { i: { id: yearId, version: v + 2, title: 'Không được phép' } }, viewer)).extensions?.[
        'code'
      ],
    ).toBe('FORBIDDEN');
    const [row] = (await t.app.dataSource.query(`SELECT title, version FROM inspection_plan WHERE id = $1`, [yearId])) as Array<{
      title: string;
      version: number;
    }>;
    expect(row).toEqual({ title: `Kế hoạch kiểm tra, giám sát năm ${year} (sửa đổi)`, version: v + 2 });

    const added = await t.gql<{ addPlanItem: { id: string; version: number } }>(
      `mutation($i: AddPlanItemInput!) { addPlanItem(input: $i) { id version } }`,
      {
        i: {
          planId: yearId,
          kind: 'REGULAR_SUPERVISION',
          subjectType: 'UNIT',
          subjectUnitId: unitId,
          area: 'STAGNATION',
          plannedYear: year,
          plannedQuarter: 2,
          responsibleBody: 'Ủy ban Kiểm tra Đảng ủy phường',
        },
      },
      ic,
    );
    expect(added.body.errors).toBeUndefined();
    const item = added.body.data!.addPlanItem;
    expect(item.version).toBe(1);
    const moved = await t.gql<{ updatePlanItem: Record<string, unknown> }>(
      UPDATE_ITEM,
      { i: { id: item.id, version: 1, plannedQuarter: 3, subjectType: 'CADRE', subjectCadreId: cadreId } },
      ic,
    );
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data!.updatePlanItem).toEqual({
      id: item.id,
      version: 2,
      plannedQuarter: 3,
      area: 'STAGNATION',
      subjectType: 'CADRE',
      subjectUnitId: null,
      subjectCadreId: cadreId,
    });
    const staleItem = onlyError(await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 1, plannedQuarter: 4 } }, ic));
    expect(staleItem.extensions).toMatchObject({ code: 'CONFLICT', id: item.id, currentVersion: 2 });
    // The rules of addPlanItem hold for a change too.
    const outside = onlyError(await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 2, plannedYear: year + 1 } }, ic));
    expect(outside.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(outside.message).toContain('nằm ngoài thời gian của chương trình');
    const half = onlyError(await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 2, subjectType: 'UNIT' } }, ic));
    expect(half.message).toBe('Nội dung kế hoạch đối với UNIT chỉ nêu subjectUnitId');
    expect(onlyError(await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 2 } }, ic)).extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      onlyError(
        await t.gql(UPDATE_ITEM, { i: { id: '00000000-0000-4000-8000-000000000000', version: 1, area: 'CORRUPTION' } }, ic),
      ).extensions?.['code'],
    ).toBe('NOT_FOUND');

    // Carrying the item out moves its version on: an edit made on the version before is stale.
    const insp = await t.gql<{ createInspection: { id: string } }>(
      `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id } }`,
      {
        i: {
          kind: 'REGULAR_SUPERVISION',
          title: 'Giám sát cán bộ theo kế hoạch',
          subjectType: 'CADRE',
          subjectCadreId: cadreId,
          periodFrom: `${year}-07-01`,
          periodTo: `${year}-09-30`,
          planItemId: item.id,
        },
      },
      ic,
    );
    expect(insp.body.errors).toBeUndefined();
    const afterLink = onlyError(await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 2, plannedQuarter: 4 } }, ic));
    expect(afterLink.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    // Carried out: its quarter may still move, its subject not.
    const later = await t.gql<{ updatePlanItem: { version: number; plannedQuarter: number } }>(
      UPDATE_ITEM,
      { i: { id: item.id, version: 3, plannedQuarter: 4 } },
      ic,
    );
    expect(later.body.data!.updatePlanItem).toMatchObject({ version: 4, plannedQuarter: 4 });
    const resubject = onlyError(
      await t.gql(UPDATE_ITEM, { i: { id: item.id, version: 4, subjectType: 'UNIT', subjectUnitId: unitId } }, ic),
    );
    expect(resubject.extensions).toMatchObject({ code: 'CONFLICT', inspectionId: insp.body.data!.createInspection.id });
    const [itemRow] = (await t.app.dataSource.query(
      `SELECT version, planned_quarter AS q, subject_cadre_id AS cadre FROM plan_item WHERE id = $1`,
      [item.id],
    )) as Array<{ version: number; q: number; cadre: string }>;
    expect(itemRow).toEqual({ version: 4, q: 4, cadre: cadreId });
  });

  it('records commendations and shows them beside discipline in the supervision record', async () => {
    const REC = `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id form level } }`;
    const base = {
      form: 'COMMENDATION_PAPER',
      level: 'WARD',
      decisionNumber: '123/QĐ-UBND',
      decisionDate: '2026-01-15',
      issuingBody: 'Ủy ban nhân dân phường',
      reason: 'Hoàn thành xuất sắc nhiệm vụ tiếp dân năm 2025',
    };
    const both = onlyError(await t.gql(REC, { i: { ...base, cadreId, unitId } }, ic));
    expect(both.extensions?.['code']).toBe('BAD_USER_INPUT');
    const ok = await t.gql<{ recordCommendation: { id: string } }>(REC, { i: { ...base, cadreId } }, ic);
    expect(ok.body.errors).toBeUndefined();
    const viewer = await t.tokenFor(Role.VIEWER);
    expect(onlyError(await t.gql(REC, { i: { ...base, cadreId } }, viewer)).extensions?.['code']).toBe('FORBIDDEN');
    type Page<T> = { edges: Array<{ node: T }> };
    const rec = await t.gql<{ cadre: { supervisionRecord: Page<{ type: string; commendation: { id: string } | null }> } }>(
      `query($id: ID!) { cadre(id: $id) { supervisionRecord { edges { node { type status commendation { id form } } } } } }`,
      { id: cadreId },
      ic,
    );
    expect(rec.body.data!.cadre.supervisionRecord.edges.map((e) => e.node)).toContainEqual({
      type: 'COMMENDATION',
      status: 'COMMENDATION_PAPER',
      commendation: { id: ok.body.data!.recordCommendation.id, form: 'COMMENDATION_PAPER' },
    });
    const UNIT_RECORD = `query($id: ID!, $d: Boolean) { unit(id: $id) { supervisionRecord(first: 100, includeDescendants: $d) { edges { node { type id } } } } }`;
    const unitRec = await t.gql<{ unit: { supervisionRecord: Page<{ type: string; id: string }> } }>(
      UNIT_RECORD,
      { id: unitId },
      ic,
    );
    expect(unitRec.body.errors).toBeUndefined();
    const [cellInspection] = (await t.app.dataSource.query(`SELECT id FROM inspection WHERE subject_unit_id = $1 LIMIT 1`, [
      unitId,
    ])) as Array<{ id: string }>;
    expect(unitRec.body.data!.unit.supervisionRecord.edges.map((e) => e.node)).toContainEqual({
      type: 'INSPECTION',
      id: cellInspection!.id,
    });
    // The cell's parent: its record covers the cell by default, and not with includeDescendants: false.
    const [parent] = (await t.app.dataSource.query(`SELECT parent_id AS id FROM unit WHERE id = $1`, [unitId])) as Array<{
      id: string;
    }>;
    const ids = async (d: boolean | undefined) => {
      const res = await t.gql<{ unit: { supervisionRecord: Page<{ type: string; id: string }> } }>(
        UNIT_RECORD,
        { id: parent!.id, ...(d === undefined ? {} : { d }) },
        ic,
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.unit.supervisionRecord.edges.map((e) => e.node.id);
    };
    expect(await ids(undefined)).toContain(cellInspection!.id);
    expect(await ids(true)).toContain(cellInspection!.id);
    expect(await ids(false)).not.toContain(cellInspection!.id);
  });

  it('lists commendations latest decision first with filters and cursors, and corrects one with its version', async () => {
    const REC = `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id version } }`;
    const base = {
      cadreId,
      form: 'CERTIFICATE_OF_MERIT',
      level: 'WARD',
      decisionNumber: '45/QĐ-ĐU',
      issuingBody: 'Đảng ủy phường',
      reason: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    };
    const made: Array<{ id: string; version: number }> = [];
    for (const decisionDate of ['2025-03-01', '2025-09-01', '2025-12-01']) {
      const res = await t.gql<{ recordCommendation: { id: string; version: number } }>(REC, { i: { ...base, decisionDate } }, ic);
      expect(res.body.errors).toBeUndefined();
      made.push(res.body.data!.recordCommendation);
    }
    type Page = {
      commendations: {
        totalCount: number;
        edges: Array<{ node: { id: string; decisionDate: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const LIST = `query($f: CommendationFilter, $first: Int, $after: String) { commendations(filter: $f, first: $first, after: $after) {
      totalCount edges { node { id decisionDate } } pageInfo { hasNextPage endCursor } } }`;
    const f = { cadreId, form: 'CERTIFICATE_OF_MERIT', decidedFrom: '2025-01-01', decidedTo: '2025-12-31' };
    const first = await t.gql<Page>(LIST, { f, first: 2 }, ic);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.commendations.totalCount).toBe(3);
    expect(first.body.data!.commendations.edges.map((e) => e.node.decisionDate)).toEqual(['2025-12-01', '2025-09-01']);
    expect(first.body.data!.commendations.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql<Page>(LIST, { f, first: 2, after: first.body.data!.commendations.pageInfo.endCursor }, ic);
    expect(second.body.data!.commendations.edges.map((e) => e.node.id)).toEqual([made[0]!.id]);
    expect(second.body.data!.commendations.pageInfo.hasNextPage).toBe(false);
    const reversed = onlyError(await t.gql(LIST, { f: { decidedFrom: '2025-12-31', decidedTo: '2025-01-01' } }, ic));
    expect(reversed.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tampered = onlyError(await t.gql(LIST, { f, after: 'eyJrIjoibSJ9.AAAAAAAAAAAAAAAAAAAAAA' }, ic));
    expect(tampered.extensions?.['code']).toBe('BAD_USER_INPUT');
    const viewer = await t.tokenFor(Role.VIEWER);
    expect(onlyError(await t.gql(LIST, { f }, viewer)).extensions?.['code']).toBe('FORBIDDEN');

    const UPDATE = `mutation($i: UpdateCommendationInput!) { updateCommendation(input: $i) { id version level reason decisionDate } }`;
    const target = made[1]!;
    const ok = await t.gql<{ updateCommendation: { version: number; level: string; reason: string; decisionDate: string } }>(
      UPDATE,
      { i: { id: target.id, version: target.version, level: 'PROVINCE', reason: 'Thành tích xuất sắc trong công tác dân vận' } },
      ic,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.updateCommendation).toMatchObject({
      version: target.version + 1,
      level: 'PROVINCE',
      reason: 'Thành tích xuất sắc trong công tác dân vận',
      decisionDate: '2025-09-01',
    });
    const stale = onlyError(await t.gql(UPDATE, { i: { id: target.id, version: target.version, level: 'WARD' } }, ic));
    expect(stale.extensions?.['code']).toBe('CONFLICT');
    const future = onlyError(
      await t.gql(UPDATE, { i: { id: target.id, version: target.version + 1, decisionDate: '2999-01-01' } }, ic),
    );
    expect(future.extensions?.['code']).toBe('BAD_USER_INPUT');
    const nothing = onlyError(await t.gql(UPDATE, { i: { id: target.id, version: target.version + 1 } }, ic));
    expect(nothing.extensions?.['code']).toBe('BAD_USER_INPUT');
    const unknown = onlyError(
      await t.gql(UPDATE, { i: { id: '00000000-0000-4000-8000-000000000000', version: 1, level: 'WARD' } }, ic),
    );
    expect(unknown.extensions?.['code']).toBe('NOT_FOUND');
    const [row] = (await t.app.dataSource.query(`SELECT level, version FROM commendation WHERE id = $1`, [target.id])) as Array<{
      level: string;
      version: number;
    }>;
    expect(row).toEqual({ level: 'PROVINCE', version: target.version + 1 });
  });
});
