import { Gender } from '../modules/cadres/cadre.enums';
import type { PostCode } from '../modules/units/post.catalogue';
import type { PersonRule } from '../modules/units/post-rules';
import { Body, UnitKind } from '../modules/units/unit.enums';

/** A unit of the ward's organisation and the posts (with head counts) it employs. */
export interface UnitBlueprint {
  key: string;
  /** `{ward}` is replaced by the ward's name ("phường An Biên"). */
  name: string;
  kind: UnitKind;
  body: Body | null;
  parent: string | null;
  staff: ReadonlyArray<readonly [PostCode, number]>;
  /** What everyone working in the unit is like, beside the rules of their posts (`post-rules.ts`). */
  people?: PersonRule;
}

const u = (
  key: string,
  name: string,
  kind: UnitKind,
  body: Body | null,
  parent: string | null,
  staff: ReadonlyArray<readonly [PostCode, number]> = [],
  people?: PersonRule,
): UnitBlueprint => ({ key, name, kind, body, parent, staff, ...(people ? { people } : {}) });

/** Staff of the Party's own bodies are Party members (DOMAIN.md). */
const PARTY_STAFF: PersonRule = { partyMember: true, why: 'cán bộ cơ quan Đảng là đảng viên' };

const { PARTY_OFFICE: PARTY, FATHERLAND_FRONT: FRONT, GOVERNMENT: GOV } = Body;

/**
 * The shape of a ward under the two-level local government model, staffed as An Biên's
 * resolution states: Party office 20 (11 leaders/managers), Fatherland Front 16 (5),
 * government 94 (14). The resolution's own total says 131, but its parts add up to 130: we
 * seed the parts as stated and do not invent a 131st person (see cadres.seed.ts).
 * "SPECIALIST" slots are filled with Chuyên viên chính / Chuyên viên / Cán sự. The Standing
 * Committee sits under the Party office body because the resolution counts the Secretary and
 * the standing Deputy Secretary among that body's 20.
 */
export const WARD_BLUEPRINT: readonly UnitBlueprint[] = [
  u('ROOT', 'Đảng ủy {ward}', UnitKind.PARTY_COMMITTEE, null, null),
  u('CQDU', 'Cơ quan Đảng ủy {ward}', UnitKind.BODY, PARTY, 'ROOT'),
  u(
    'BTV',
    'Ban Thường vụ Đảng ủy {ward}',
    UnitKind.STANDING_COMMITTEE,
    PARTY,
    'CQDU',
    [
      ['PARTY_SECRETARY', 1],
      ['STANDING_DEPUTY_SECRETARY', 1],
    ],
    PARTY_STAFF,
  ),
  u(
    'VPDU',
    'Văn phòng Đảng ủy',
    UnitKind.OFFICE,
    PARTY,
    'CQDU',
    [
      ['OFFICE_CHIEF', 1],
      ['OFFICE_DEPUTY_CHIEF', 1],
      ['SPECIALIST', 3],
    ],
    PARTY_STAFF,
  ),
  u(
    'BXDD',
    'Ban Xây dựng Đảng',
    UnitKind.OFFICE,
    PARTY,
    'CQDU',
    [
      ['BOARD_HEAD', 1],
      ['BOARD_DEPUTY_HEAD', 2],
      ['SPECIALIST', 3],
    ],
    PARTY_STAFF,
  ),
  u(
    'UBKT',
    'Ủy ban Kiểm tra Đảng ủy',
    UnitKind.OFFICE,
    PARTY,
    'CQDU',
    [
      ['INSPECTION_CHAIR', 1],
      ['INSPECTION_DEPUTY_CHAIR', 1],
      ['SPECIALIST', 2],
    ],
    PARTY_STAFF,
  ),
  u(
    'TTCT',
    'Trung tâm Chính trị',
    UnitKind.OFFICE,
    PARTY,
    'CQDU',
    [
      ['CENTRE_DIRECTOR', 1],
      ['CENTRE_DEPUTY_DIRECTOR', 1],
      ['SPECIALIST', 1],
    ],
    PARTY_STAFF,
  ),
  u('CQMT', 'Cơ quan Mặt trận Tổ quốc Việt Nam {ward}', UnitKind.BODY, FRONT, 'ROOT'),
  u('UBMT', 'Ủy ban Mặt trận Tổ quốc Việt Nam {ward}', UnitKind.OFFICE, FRONT, 'CQMT', [
    ['FRONT_CHAIR', 1],
    ['FRONT_VICE_CHAIR', 2],
    ['SPECIALIST', 4],
  ]),
  u(
    'DOAN',
    'Đoàn Thanh niên Cộng sản Hồ Chí Minh {ward}',
    UnitKind.OFFICE,
    FRONT,
    'CQMT',
    [
      ['YOUTH_SECRETARY', 1],
      ['SPECIALIST', 2],
    ],
    { maxAge: 30, why: 'cán bộ Đoàn trong độ tuổi đoàn viên (16-30, Điều lệ Đoàn)' },
  ),
  u(
    'HLHPN',
    'Hội Liên hiệp Phụ nữ {ward}',
    UnitKind.OFFICE,
    FRONT,
    'CQMT',
    [
      ['WOMEN_UNION_CHAIR', 1],
      ['SPECIALIST', 2],
    ],
    { gender: Gender.FEMALE, why: 'Hội Liên hiệp Phụ nữ là tổ chức của phụ nữ' },
  ),
  u('HCCB', 'Hội Cựu chiến binh {ward}', UnitKind.OFFICE, FRONT, 'CQMT', [['SPECIALIST', 3]], {
    minAge: 40,
    why: 'cán bộ Hội Cựu chiến binh là cựu chiến binh',
  }),
  u('CQCQ', 'Cơ quan chính quyền {ward}', UnitKind.BODY, GOV, 'ROOT'),
  u('HDND', 'Hội đồng nhân dân {ward}', UnitKind.OFFICE, GOV, 'CQCQ', [
    ['COUNCIL_VICE_CHAIR', 1],
    ['SPECIALIST', 2],
  ]),
  u('UBND', 'Ủy ban nhân dân {ward}', UnitKind.OFFICE, GOV, 'CQCQ', [
    ['PEOPLES_COMMITTEE_CHAIR', 1],
    ['PEOPLES_COMMITTEE_VICE_CHAIR', 2],
  ]),
  u('VPUB', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân', UnitKind.OFFICE, GOV, 'UBND', [
    ['OFFICE_CHIEF', 1],
    ['OFFICE_DEPUTY_CHIEF', 1],
    ['SPECIALIST', 18],
  ]),
  u('PKT', 'Phòng Kinh tế, Hạ tầng và Đô thị', UnitKind.OFFICE, GOV, 'UBND', [
    ['DEPARTMENT_HEAD', 1],
    ['DEPARTMENT_DEPUTY_HEAD', 2],
    ['SPECIALIST', 22],
  ]),
  u('PVHXH', 'Phòng Văn hóa - Xã hội', UnitKind.OFFICE, GOV, 'UBND', [
    ['DEPARTMENT_HEAD', 1],
    ['DEPARTMENT_DEPUTY_HEAD', 2],
    ['SPECIALIST', 20],
  ]),
  u('TTHCC', 'Trung tâm Phục vụ hành chính công', UnitKind.OFFICE, GOV, 'UBND', [
    ['CENTRE_DIRECTOR', 1],
    ['CENTRE_DEPUTY_DIRECTOR', 1],
    ['SPECIALIST', 18],
  ]),
  u('CBDMT', 'Chi bộ Cơ quan Đảng - Mặt trận', UnitKind.PARTY_CELL, PARTY, 'ROOT'),
  u('CBCQ', 'Chi bộ Cơ quan chính quyền', UnitKind.PARTY_CELL, PARTY, 'ROOT'),
  u('CBQS', 'Chi bộ Quân sự {ward}', UnitKind.PARTY_CELL, PARTY, 'ROOT'),
  u('DBCA', 'Đảng bộ Công an {ward}', UnitKind.SUBORDINATE_PARTY_COMMITTEE, PARTY, 'ROOT'),
];

/** Residential groups (tổ dân phố) per ward, each with its Party cell. */
export const RESIDENTIAL_GROUPS_PER_WARD = 30;

/** Unit blueprint of the Party cell of residential group `n` (1-based). */
export function residentialCell(n: number): UnitBlueprint {
  return u(`TDP${String(n).padStart(2, '0')}`, `Chi bộ Tổ dân phố ${n}`, UnitKind.RESIDENTIAL_PARTY_CELL, PARTY, 'ROOT');
}

/** Leaders/managers in one ward as the blueprint stands (30). */
export const MANAGERS_PER_WARD = WARD_BLUEPRINT.flatMap((x) => x.staff)
  .filter(([code]) => code !== 'SPECIALIST')
  .reduce((s, [, n]) => s + n, 0);

/** Staff in one ward as the blueprint stands (130). */
export const STAFF_PER_WARD = WARD_BLUEPRINT.flatMap((x) => x.staff).reduce((s, [, n]) => s + n, 0);

/**
 * Head counts per unit for a ward of `total` staff: leader posts stay as they are, specialist
 * slots are scaled proportionally (largest remainder, so the sum is exact).
 */
export function staffing(total = STAFF_PER_WARD): Map<string, Array<[PostCode, number]>> {
  const specialists = WARD_BLUEPRINT.map((x) => x.staff.find(([c]) => c === 'SPECIALIST')?.[1] ?? 0);
  const base = specialists.reduce((s, n) => s + n, 0);
  const target = Math.max(0, total - MANAGERS_PER_WARD);
  const exact = specialists.map((n) => (n * target) / base);
  const floors = exact.map(Math.floor);
  let left = target - floors.reduce((s, n) => s + n, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (specialists[i]! > 0) {
      floors[i]! += 1;
      left--;
    }
  }
  const out = new Map<string, Array<[PostCode, number]>>();
  WARD_BLUEPRINT.forEach((x, i) => {
    out.set(
      x.key,
      x.staff.map(([code, n]) => [code, code === 'SPECIALIST' ? floors[i]! : n]),
    );
  });
  return out;
}
