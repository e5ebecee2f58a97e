import type { RequestContext } from '../../../graphql/context';
import { seesProtectedData } from '../../cadres/cadres.service';
import type { CivilServiceCategory, EmploymentStatus, Gender, PoliticalTheory, Qualification } from '../../cadres/cadre.enums';
import { isWithin, visibleSubtree } from '../../units/unit-scope';
import { notFound } from '../../../common/errors';
import { CADRE_COLUMNS } from '../kinds/cadres.import';
import { CATEGORY_LABELS, GENDER_LABELS, label, QUALIFICATION_LABELS, STATUS_LABELS, THEORY_LABELS } from '../kinds/cadre-labels';
import { excelDate, type SheetColumn, type SheetValue, type WorkbookBuilder } from '../xlsx-writer';

const BODY_LABELS: Record<string, string> = {
  PARTY_OFFICE: 'Khối Đảng',
  FATHERLAND_FRONT: 'Khối Mặt trận, đoàn thể',
  GOVERNMENT: 'Khối chính quyền',
};

interface RegisterRow {
  id: string;
  fullName: string;
  gender: Gender;
  dateOfBirth: string;
  unitCode: string;
  unitName: string;
  path: string;
  postName: string;
  civilServiceCategory: CivilServiceCategory;
  qualification: Qualification;
  politicalTheory: PoliticalTheory;
  partyMember: boolean;
  partyJoinedOn: string | null;
  inPlanningPool: boolean;
  planningPostName: string | null;
  phone: string | null;
  email: string | null;
  status: EmploymentStatus;
}

const WIDTHS: Record<string, number> = { fullName: 28, unitName: 36, post: 34, planningPost: 30, email: 28 };
const PROTECTED = new Set(['dateOfBirth', 'phone', 'email']);
const BATCH = 5000;

/**
 * The cadre register by unit, as XLSX: sheet 1 "Danh sách cán bộ" in the import template's
 * columns (so the file can be corrected and imported back: unchanged rows change nothing),
 * ordered by unit (tree order) then name; sheet 2 "Tổng hợp theo đơn vị", the current staff per
 * unit. `unitId` limits it to a unit and the units below; a UNIT_HEAD gets its subtree only;
 * VIEWER gets no date of birth, phone or e-mail columns.
 */
export async function cadreRegisterExport(
  ctx: RequestContext,
  unitId: string | null,
): Promise<(book: WorkbookBuilder) => Promise<void>> {
  const scope = await visibleSubtree(ctx);
  let path = scope?.path ?? '/';
  if (unitId) {
    const unit = /^[0-9a-f-]{36}$/i.test(unitId) ? await ctx.loaders.unitById.load(unitId) : null;
    if (!unit || !isWithin(unit, scope)) throw notFound('Unit', unitId);
    path = unit.path;
  }
  return (book) => writeRegister(ctx, book, path);
}

async function writeRegister(ctx: RequestContext, book: WorkbookBuilder, path: string): Promise<void> {
  const open = seesProtectedData(ctx);
  const columns = CADRE_COLUMNS.filter((c) => open || !PROTECTED.has(c.key));
  const sheet = book.sheet(
    'Danh sách cán bộ',
    columns.map((c): SheetColumn => ({
      header: c.header,
      width: WIDTHS[c.key] ?? 16,
      numFmt: c.key === 'dateOfBirth' || c.key === 'partyJoinedOn' ? 'dd/mm/yyyy' : undefined,
    })),
  );
  let after: [string, string, string] | null = null;
  for (;;) {
    const rows = (await ctx.manager.query(
      `SELECT c.id, c.full_name AS "fullName", c.gender, to_char(c.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", u.code AS "unitCode", u.name AS "unitName", u.path,
              p.name AS "postName", c.civil_service_category AS "civilServiceCategory", c.qualification, c.political_theory AS "politicalTheory",
              c.party_member AS "partyMember", to_char(c.party_joined_on, 'YYYY-MM-DD') AS "partyJoinedOn", c.in_planning_pool AS "inPlanningPool",
              pp.name AS "planningPostName", c.phone, c.email, c.status
         FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id LEFT JOIN post pp ON pp.id = c.planning_post_id
        WHERE u.path LIKE $1 AND ($2::text IS NULL OR (u.path, c.full_name, c.id) > ($2::text, $3::text, $4::uuid))
        ORDER BY u.path, c.full_name, c.id
        LIMIT ${BATCH}`,
      [`${path}%`, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null],
    )) as RegisterRow[];
    for (const r of rows) {
      const value: Record<string, SheetValue> = {
        fullName: r.fullName,
        gender: label(GENDER_LABELS, r.gender),
        dateOfBirth: excelDate(r.dateOfBirth),
        unitCode: r.unitCode,
        unitName: r.unitName,
        post: r.postName,
        civilServiceCategory: label(CATEGORY_LABELS, r.civilServiceCategory),
        qualification: label(QUALIFICATION_LABELS, r.qualification),
        politicalTheory: label(THEORY_LABELS, r.politicalTheory),
        partyMember: r.partyMember ? 'Có' : 'Không',
        partyJoinedOn: excelDate(r.partyJoinedOn),
        inPlanningPool: r.inPlanningPool ? 'Có' : 'Không',
        planningPost: r.planningPostName,
        phone: r.phone,
        email: r.email,
        status: label(STATUS_LABELS, r.status),
      };
      sheet.row(columns.map((c) => value[c.key] ?? null));
    }
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1]!;
    after = [last.path, last.fullName, last.id];
  }
  sheet.done();

  const summary = book.sheet('Tổng hợp theo đơn vị', [
    { header: 'Mã đơn vị', width: 16 },
    { header: 'Tên đơn vị', width: 40 },
    { header: 'Khối', width: 24 },
    { header: 'Cán bộ đang công tác', width: 12 },
    { header: 'Lãnh đạo, quản lý', width: 12 },
    { header: 'Nữ', width: 8 },
    { header: 'Đảng viên', width: 10 },
    { header: 'Trên đại học', width: 10 },
    { header: 'Trong quy hoạch', width: 10 },
  ]);
  const units = (await ctx.manager.query(
    `SELECT u.code, u.name, u.body,
            count(c.id)::int AS total,
            count(c.id) FILTER (WHERE p.is_management)::int AS managers,
            count(c.id) FILTER (WHERE c.gender = 'FEMALE')::int AS women,
            count(c.id) FILTER (WHERE c.party_member)::int AS members,
            count(c.id) FILTER (WHERE c.qualification IN ('MASTER', 'DOCTOR'))::int AS postgraduates,
            count(c.id) FILTER (WHERE c.in_planning_pool)::int AS pool
       FROM unit u
       LEFT JOIN cadre c ON c.unit_id = u.id AND c.status IN ('ACTIVE', 'ON_LEAVE')
       LEFT JOIN post p ON p.id = c.post_id
      WHERE u.path LIKE $1
      GROUP BY u.id ORDER BY u.path`,
    [`${path}%`],
  )) as Array<{
    code: string;
    name: string;
    body: string | null;
    total: number;
    managers: number;
    women: number;
    members: number;
    postgraduates: number;
    pool: number;
  }>;
  const sum = { total: 0, managers: 0, women: 0, members: 0, postgraduates: 0, pool: 0 };
  for (const u of units) {
    summary.row([
      u.code,
      u.name,
      u.body ? (BODY_LABELS[u.body] ?? u.body) : '',
      u.total,
      u.managers,
      u.women,
      u.members,
      u.postgraduates,
      u.pool,
    ]);
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += u[k];
  }
  summary.row(['', 'Tổng cộng', '', sum.total, sum.managers, sum.women, sum.members, sum.postgraduates, sum.pool], {
    bold: true,
  });
  summary.done();
}
