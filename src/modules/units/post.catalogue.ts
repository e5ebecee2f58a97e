import type { EntityManager } from 'typeorm';

/** One entry of the post catalogue (danh mục chức vụ). */
export interface PostSpec {
  code: string;
  name: string;
  isManagement: boolean;
  /** At most one current holder per unit. */
  singleHolder: boolean;
  /** Held by an elected cadre (cán bộ) rather than a recruited civil servant. */
  elected: boolean;
}

const p = (code: string, name: string, isManagement: boolean, singleHolder: boolean, elected = false): PostSpec => ({
  code,
  name,
  isManagement,
  singleHolder,
  elected,
});

/**
 * The posts of a ward under the two-level local government model (2025). The catalogue is
 * shared by all wards; "single holder" is enforced per unit.
 */
export const POST_CATALOGUE = [
  p('PARTY_SECRETARY', 'Bí thư Đảng ủy phường', true, true, true),
  p('STANDING_DEPUTY_SECRETARY', 'Phó Bí thư Thường trực Đảng ủy phường', true, true, true),
  p('OFFICE_CHIEF', 'Chánh Văn phòng', true, true),
  p('OFFICE_DEPUTY_CHIEF', 'Phó Chánh Văn phòng', true, false),
  p('BOARD_HEAD', 'Trưởng ban', true, true),
  p('BOARD_DEPUTY_HEAD', 'Phó Trưởng ban', true, false),
  p('INSPECTION_CHAIR', 'Chủ nhiệm Ủy ban Kiểm tra Đảng ủy', true, true, true),
  p('INSPECTION_DEPUTY_CHAIR', 'Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy', true, false, true),
  p('CENTRE_DIRECTOR', 'Giám đốc Trung tâm', true, true),
  p('CENTRE_DEPUTY_DIRECTOR', 'Phó Giám đốc Trung tâm', true, false),
  p('FRONT_CHAIR', 'Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường', true, true, true),
  p('FRONT_VICE_CHAIR', 'Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường', true, false, true),
  p('YOUTH_SECRETARY', 'Bí thư Đoàn phường', true, true, true),
  p('WOMEN_UNION_CHAIR', 'Chủ tịch Hội Liên hiệp Phụ nữ phường', true, true, true),
  p('COUNCIL_VICE_CHAIR', 'Phó Chủ tịch Hội đồng nhân dân phường', true, false, true),
  p('PEOPLES_COMMITTEE_CHAIR', 'Chủ tịch Ủy ban nhân dân phường', true, true, true),
  p('PEOPLES_COMMITTEE_VICE_CHAIR', 'Phó Chủ tịch Ủy ban nhân dân phường', true, false, true),
  p('DEPARTMENT_HEAD', 'Trưởng phòng', true, true),
  p('DEPARTMENT_DEPUTY_HEAD', 'Phó Trưởng phòng', true, false),
  p('SENIOR_SPECIALIST', 'Chuyên viên chính', false, false),
  p('SPECIALIST', 'Chuyên viên', false, false),
  p('OFFICER', 'Cán sự', false, false),
] as const satisfies readonly PostSpec[];

export type PostCode = (typeof POST_CATALOGUE)[number]['code'];

export const POST_BY_CODE: ReadonlyMap<string, PostSpec> = new Map(POST_CATALOGUE.map((x) => [x.code, x]));

/**
 * Inserts the catalogue entries that are missing (by code) and returns every post id by code.
 * Safe to run on every seed and generator run.
 */
export async function ensurePostCatalogue(manager: EntityManager): Promise<Map<string, string>> {
  await manager.query(
    `INSERT INTO post (code, name, is_management, single_holder, version)
     SELECT c, n, m, s, 1 FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[]) AS t(c, n, m, s)
     ON CONFLICT (code) DO NOTHING`,
    [
      POST_CATALOGUE.map((x) => x.code),
      POST_CATALOGUE.map((x) => x.name),
      POST_CATALOGUE.map((x) => x.isManagement),
      POST_CATALOGUE.map((x) => x.singleHolder),
    ],
  );
  const rows = (await manager.query(`SELECT id, code FROM post`)) as Array<{ id: string; code: string }>;
  return new Map(rows.map((r) => [r.code, r.id]));
}
