import { AppError } from '../../../common/errors';
import { addYears, PERSON_NAME, todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import {
  CURRENT_STATUSES,
  EmploymentStatus,
  type CivilServiceCategory,
  type Gender,
  type PoliticalTheory,
  type Qualification,
} from '../../cadres/cadre.enums';
import { Cadre } from '../../cadres/cadre.entity';
import type { CreateCadreInput, UpdateCadreInput } from '../../cadres/cadres.inputs';
import { type CadresService, normalizeName } from '../../cadres/cadres.service';
import { choice, date, fold, text, yesNo } from '../cells';
import { defineImportKind, type ImportKind, type ParsedRow, type RowOutcome } from '../import-kind';
import { cadreKey, cadresByKey } from './lookups';
import { CATEGORY_LABELS, GENDER_LABELS, QUALIFICATION_LABELS, STATUS_LABELS, THEORY_LABELS } from './cadre-labels';

/** One row of the cadre template. `undefined`: the column is not in the file (the register keeps its value). */
export interface CadreRow {
  fullName: string;
  gender: Gender;
  dateOfBirth: string;
  unitCode: string;
  unitName?: string | null;
  post: string;
  civilServiceCategory: CivilServiceCategory;
  qualification: Qualification;
  politicalTheory: PoliticalTheory;
  partyMember: boolean;
  partyJoinedOn?: string | null;
  inPlanningPool?: boolean;
  planningPost?: string | null;
  phone?: string | null;
  email?: string | null;
  status?: EmploymentStatus | null;
}

const PHONE = /^\+?[0-9][0-9 .-]{6,18}[0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The template's columns, in the order the export writes them. */
export const CADRE_COLUMNS = [
  {
    key: 'fullName',
    header: 'Họ và tên',
    aliases: ['Họ tên', 'Họ và tên cán bộ'],
    required: true,
    hint: 'họ, đệm và tên có dấu',
    parse: text({
      required: true,
      maxLength: 120,
      pattern: PERSON_NAME,
      patternMessage: 'họ tên chỉ gồm chữ cái (có dấu) và khoảng trắng',
    }),
  },
  {
    key: 'gender',
    header: 'Giới tính',
    aliases: ['Giới'],
    required: true,
    hint: 'Nam hoặc Nữ',
    parse: choice(GENDER_LABELS, { required: true, what: 'giới tính' }),
  },
  {
    key: 'dateOfBirth',
    header: 'Ngày sinh',
    aliases: ['Ngày tháng năm sinh'],
    required: true,
    hint: 'dd/mm/yyyy',
    parse: date({ required: true }),
  },
  {
    key: 'unitCode',
    header: 'Mã đơn vị',
    aliases: ['Mã ĐV'],
    required: true,
    hint: 'mã đơn vị trong hệ thống, ví dụ AB-UBND',
    parse: text({ required: true, maxLength: 60 }),
  },
  {
    key: 'unitName',
    header: 'Tên đơn vị',
    aliases: ['Đơn vị'],
    required: false,
    informational: true,
    hint: 'chỉ để đọc; đơn vị lấy theo mã',
    parse: text({ maxLength: 300 }),
  },
  {
    key: 'post',
    header: 'Chức vụ',
    aliases: ['Mã chức vụ'],
    required: true,
    hint: 'tên hoặc mã chức vụ trong danh mục, ví dụ "Chuyên viên"',
    parse: text({ required: true, maxLength: 200 }),
  },
  {
    key: 'civilServiceCategory',
    header: 'Loại cán bộ',
    aliases: ['Ngạch', 'Phân loại'],
    required: true,
    hint: 'Cán bộ, Công chức, Viên chức hoặc Hợp đồng',
    parse: choice(CATEGORY_LABELS, { required: true, what: 'loại cán bộ' }),
  },
  {
    key: 'qualification',
    header: 'Trình độ chuyên môn',
    aliases: ['Chuyên môn', 'Trình độ'],
    required: true,
    hint: 'Trung cấp, Cao đẳng, Đại học, Thạc sĩ hoặc Tiến sĩ',
    parse: choice(QUALIFICATION_LABELS, { required: true, what: 'trình độ chuyên môn' }),
  },
  {
    key: 'politicalTheory',
    header: 'Lý luận chính trị',
    aliases: ['Trình độ lý luận chính trị', 'LLCT'],
    required: true,
    hint: 'Chưa có, Sơ cấp, Trung cấp hoặc Cao cấp',
    parse: choice(THEORY_LABELS, { required: true, what: 'trình độ lý luận chính trị' }),
  },
  {
    key: 'partyMember',
    header: 'Đảng viên',
    required: true,
    hint: 'Có hoặc Không (trống: Không)',
    parse: yesNo({ empty: false }),
  },
  { key: 'partyJoinedOn', header: 'Ngày vào Đảng', required: false, hint: 'dd/mm/yyyy; bắt buộc với đảng viên', parse: date() },
  {
    key: 'inPlanningPool',
    header: 'Quy hoạch',
    aliases: ['Trong quy hoạch'],
    required: false,
    hint: 'Có hoặc Không (trống: Không)',
    parse: yesNo({ empty: false }),
  },
  {
    key: 'planningPost',
    header: 'Chức vụ quy hoạch',
    required: false,
    hint: 'tên hoặc mã chức vụ; chỉ khi trong quy hoạch',
    parse: text({ maxLength: 200 }),
  },
  {
    key: 'phone',
    header: 'Điện thoại',
    aliases: ['Số điện thoại', 'SĐT'],
    required: false,
    hint: 'ví dụ 0912 345 678',
    parse: text({ maxLength: 20, pattern: PHONE, patternMessage: 'không phải số điện thoại (ví dụ 0912 345 678)' }),
  },
  {
    key: 'email',
    header: 'Email',
    aliases: ['Thư điện tử'],
    required: false,
    hint: 'địa chỉ thư điện tử',
    parse: text({ maxLength: 254, pattern: EMAIL, patternMessage: 'không phải địa chỉ email' }),
  },
  {
    key: 'status',
    header: 'Trạng thái',
    aliases: ['Tình trạng'],
    required: false,
    hint: 'Đang công tác hoặc Nghỉ phép (trống: Đang công tác)',
    parse: choice(STATUS_LABELS, { what: 'trạng thái' }),
  },
] as const satisfies ImportKind<CadreRow>['columns'];

export { cadreKey };

interface UnitRef {
  id: string;
  code: string;
  name: string;
  body: string | null;
}
interface PostRef {
  id: string;
  code: string;
  name: string;
  singleHolder: boolean;
}

const PATH_FIELD: Record<string, keyof CadreRow> = {
  'input.fullName': 'fullName',
  'input.gender': 'gender',
  'input.dateOfBirth': 'dateOfBirth',
  'input.unitId': 'unitCode',
  'input.postId': 'post',
  'input.civilServiceCategory': 'civilServiceCategory',
  'input.qualification': 'qualification',
  'input.politicalTheory': 'politicalTheory',
  'input.partyMember': 'partyMember',
  'input.partyJoinedOn': 'partyJoinedOn',
  'input.inPlanningPool': 'inPlanningPool',
  'input.planningPostId': 'planningPost',
  'input.phone': 'phone',
  'input.email': 'email',
  'input.status': 'status',
};

/**
 * Cadres into the register, through {@link CadresService} (its validation, its history, the
 * single-holder rule). A row whose name and date of birth match a cadre updates that cadre's own
 * data where it differs, and changes nothing otherwise; a different unit or post is refused
 * (that is a transfer, rotation or appointment: `moveCadre`), and so is ending employment
 * (`endCadreEmployment`).
 */
export function cadresImport(cadres: CadresService): ImportKind<CadreRow> {
  return defineImportKind<CadreRow>({
    name: 'cadres',
    title: 'Hồ sơ cán bộ',
    columns: CADRE_COLUMNS,
    keyFields: ['fullName', 'dateOfBirth'],
    key: (v) => cadreKey(v.fullName, v.dateOfBirth),

    async prepare(ctx, rows, problems) {
      const m = ctx.manager;
      const codes = [...new Set(rows.map((r) => r.values.unitCode))];
      const units = new Map(
        (
          (await m.query(`SELECT id, code, name, body FROM unit WHERE upper(code) = ANY($1::text[])`, [
            codes.map((c) => c.toUpperCase()),
          ])) as UnitRef[]
        ).map((u) => [fold(u.code), u]),
      );
      const postList = (await m.query(`SELECT id, code, name, single_holder AS "singleHolder" FROM post`)) as PostRef[];
      const posts = new Map<string, PostRef>();
      for (const p of postList) posts.set(fold(p.name), p).set(fold(p.code), p);
      const existing = await cadresByKey(
        m,
        rows.map((r) => r.values),
      );

      const today = todayInVietnam();
      const plan = new Map<number, { unit: UnitRef; post: PostRef; planningPost: PostRef | null; cadre: Cadre | null }>();
      // Current holders of single-holder posts, in the register and in the file so far.
      const holders = new Map<string, { name: string; cadreId: string | null; row: number | null }>();
      const unitIds = [...new Set([...units.values()].map((u) => u.id))];
      const singleIds = postList.filter((p) => p.singleHolder).map((p) => p.id);
      if (unitIds.length && singleIds.length) {
        const held = (await m.query(
          `SELECT id, unit_id AS "unitId", post_id AS "postId", full_name AS "fullName" FROM cadre
            WHERE unit_id = ANY($1::uuid[]) AND post_id = ANY($2::uuid[]) AND status = ANY($3::employment_status[])`,
          [unitIds, singleIds, CURRENT_STATUSES],
        )) as Array<{ id: string; unitId: string; postId: string; fullName: string }>;
        for (const h of held) holders.set(`${h.unitId}|${h.postId}`, { name: h.fullName, cadreId: h.id, row: null });
      }

      for (const row of rows) {
        const v = row.values;
        let rowOk = true;
        const bad = (field: keyof CadreRow & string, message: string) => {
          rowOk = false;
          problems.add(row, field, message);
        };
        const unit = units.get(fold(v.unitCode));
        if (!unit) bad('unitCode', `không có đơn vị mã "${v.unitCode}"`);
        else if (!unit.body) bad('unitCode', `"${unit.name}" là cấp ủy chung của phường; chọn đơn vị thuộc một khối`);
        const post = posts.get(fold(v.post));
        if (!post) bad('post', `không có chức vụ "${v.post}" trong danh mục`);
        const planningPost = v.planningPost ? (posts.get(fold(v.planningPost)) ?? null) : null;
        if (v.planningPost && !planningPost) bad('planningPost', `không có chức vụ "${v.planningPost}" trong danh mục`);
        if (v.planningPost && v.inPlanningPool !== true)
          bad('planningPost', 'chỉ ghi chức vụ quy hoạch cho người trong quy hoạch (cột Quy hoạch: Có)');
        if (v.dateOfBirth > today) bad('dateOfBirth', 'ngày sinh ở tương lai');
        else if (v.dateOfBirth < '1900-01-01') bad('dateOfBirth', 'ngày sinh trước năm 1900');
        else if (addYears(v.dateOfBirth, 18) > today) bad('dateOfBirth', 'chưa đủ 18 tuổi');
        if (v.partyMember && !v.partyJoinedOn) bad('partyJoinedOn', 'đảng viên phải có ngày vào Đảng');
        if (!v.partyMember && v.partyJoinedOn) bad('partyJoinedOn', 'chỉ ghi ngày vào Đảng cho đảng viên (cột Đảng viên: Có)');
        if (v.partyJoinedOn && v.partyJoinedOn > today) bad('partyJoinedOn', 'ngày vào Đảng ở tương lai');
        else if (v.partyJoinedOn && v.partyJoinedOn < addYears(v.dateOfBirth, 18)) bad('partyJoinedOn', 'vào Đảng trước tuổi 18');

        const matches = existing.get(row.key) ?? [];
        const cadre = matches[0] ?? null;
        if (matches.length > 1)
          bad('fullName', `hồ sơ đã có ${matches.length} cán bộ cùng họ tên và ngày sinh; sửa hồ sơ trước khi nhập`);
        const status = v.status ?? null;
        if (cadre) {
          const ended = !CURRENT_STATUSES.includes(cadre.status);
          if (unit && cadre.unitId !== unit.id)
            bad(
              'unitCode',
              'cán bộ đã có trong hồ sơ ở đơn vị khác: chuyển đơn vị bằng điều động/luân chuyển (moveCadre), không qua nhập tệp',
            );
          if (post && cadre.postId !== post.id)
            bad('post', 'cán bộ đã có trong hồ sơ với chức vụ khác: bổ nhiệm/điều động bằng moveCadre, không qua nhập tệp');
          if (status && status !== cadre.status && (ended || !CURRENT_STATUSES.includes(status)))
            bad(
              'status',
              ended
                ? 'cán bộ đã thôi công tác trong hồ sơ; trạng thái không đổi được qua nhập tệp'
                : 'thôi công tác (nghỉ hưu, thôi việc, luân chuyển đi) ghi bằng endCadreEmployment, không qua nhập tệp',
            );
        } else if (status && !CURRENT_STATUSES.includes(status)) {
          bad('status', 'chỉ thêm mới cán bộ đang công tác hoặc nghỉ phép');
        }
        if (unit && post?.singleHolder && (!status || CURRENT_STATUSES.includes(status))) {
          const slot = `${unit.id}|${post.id}`;
          const holder = holders.get(slot);
          if (holder && holder.cadreId !== (cadre?.id ?? null))
            bad(
              'post',
              `"${post.name}" của "${unit.name}" chỉ một người giữ và đang là ${holder.name}${holder.row ? ` (dòng ${holder.row})` : ''}`,
            );
          else if (!holder) holders.set(slot, { name: v.fullName, cadreId: cadre?.id ?? null, row: row.rowNumber });
        }
        if (rowOk && unit && post) plan.set(row.rowNumber, { unit, post, planningPost, cadre });
      }

      return {
        fieldOfPath: (path) => PATH_FIELD[path] ?? null,
        // New cadres in one createMany per chunk (the register's rules, two INSERTs), existing
        // ones through update where a value differs: a re-import of the same file sends nothing.
        async apply(ctx: RequestContext, chunk: ReadonlyArray<ParsedRow<CadreRow>>, note: string): Promise<RowOutcome[]> {
          const outcomes: RowOutcome[] = [];
          const fresh: number[] = [];
          const inputs: CreateCadreInput[] = [];
          for (const [index, row] of chunk.entries()) {
            const p = plan.get(row.rowNumber)!;
            if (p.cadre) continue;
            fresh.push(index);
            inputs.push(createInput(row.values, p));
            outcomes[index] = 'created';
          }
          try {
            const ids = await cadres.createMany(ctx, inputs, note);
            for (const [i, id] of ids.entries()) {
              if (chunk[fresh[i]!]!.values.status === EmploymentStatus.ON_LEAVE)
                await cadres.update(ctx, { id, version: 1, status: EmploymentStatus.ON_LEAVE, note });
            }
          } catch (err) {
            if (err instanceof AppError && typeof err.details['index'] === 'number')
              err.details['index'] = fresh[err.details['index']];
            throw err;
          }
          for (const [index, row] of chunk.entries()) {
            const p = plan.get(row.rowNumber)!;
            if (!p.cadre) continue;
            try {
              outcomes[index] = await updateIfChanged(cadres, ctx, row.values, p.cadre, p.planningPost, note);
            } catch (err) {
              if (err instanceof AppError) err.details['index'] = index;
              throw err;
            }
          }
          return outcomes;
        },
      };
    },
  });
}

function createInput(v: CadreRow, p: { unit: UnitRef; post: PostRef; planningPost: PostRef | null }): CreateCadreInput {
  return {
    fullName: v.fullName,
    gender: v.gender,
    dateOfBirth: v.dateOfBirth,
    unitId: p.unit.id,
    postId: p.post.id,
    civilServiceCategory: v.civilServiceCategory,
    qualification: v.qualification,
    politicalTheory: v.politicalTheory,
    partyMember: v.partyMember,
    partyJoinedOn: v.partyJoinedOn ?? undefined,
    inPlanningPool: v.inPlanningPool ?? false,
    planningPostId: p.planningPost?.id,
    phone: v.phone ?? undefined,
    email: v.email ?? undefined,
  };
}

/** The register's own data against the row: `update` with the fields that differ, or nothing. */
async function updateIfChanged(
  cadres: CadresService,
  ctx: RequestContext,
  v: CadreRow,
  c: Cadre,
  planningPost: PostRef | null,
  note: string,
): Promise<RowOutcome> {
  const change: Partial<UpdateCadreInput> = {};
  if (normalizeName(v.fullName) !== c.fullName) change.fullName = v.fullName;
  if (v.gender !== c.gender) change.gender = v.gender;
  if (v.civilServiceCategory !== c.civilServiceCategory) change.civilServiceCategory = v.civilServiceCategory;
  if (v.qualification !== c.qualification) change.qualification = v.qualification;
  if (v.politicalTheory !== c.politicalTheory) change.politicalTheory = v.politicalTheory;
  if (v.partyMember !== c.partyMember) change.partyMember = v.partyMember;
  if (v.partyJoinedOn !== undefined && v.partyJoinedOn !== c.partyJoinedOn) change.partyJoinedOn = v.partyJoinedOn;
  if (v.inPlanningPool !== undefined && v.inPlanningPool !== c.inPlanningPool) change.inPlanningPool = v.inPlanningPool;
  const planningPostId = planningPost?.id ?? null;
  if (v.planningPost !== undefined && planningPostId !== c.planningPostId) change.planningPostId = planningPostId;
  if (v.phone !== undefined && (v.phone ?? null) !== c.phone) change.phone = v.phone;
  const email = v.email?.toLowerCase() ?? null;
  if (v.email !== undefined && email !== c.email) change.email = email;
  if (v.status && v.status !== c.status) change.status = v.status;
  if (!Object.keys(change).length) return 'unchanged';
  await cadres.update(ctx, { id: c.id, version: c.version, ...change, note });
  return 'updated';
}
