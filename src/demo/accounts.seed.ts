import type { EntityManager } from 'typeorm';
import type { SeedOptions } from './seed-options';
import { Account } from '../modules/accounts/account.entity';
import { Role } from '../common/role.enum';

/**
 * Where a demo account's holder sits in the demo ward: the unit (by its key in the ward blueprint)
 * and the post they hold there. The account is linked to that cadre, so the board's header names
 * the person and their post, and recusal hides from the account what concerns them.
 */
export interface DemoPerson {
  unit: string;
  post: string;
}

/** One demo account per role, and the chair of the Inspection Committee (the identity custodian); the README lists them. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  displayName: string;
  role: Role;
  isInspectionChair?: boolean;
  person: DemoPerson;
}> = [
  // The ward's IT officer, in the office of the council and the People's Committee.
  {
    email: 'admin@anbien.test',
    displayName: 'Quản trị hệ thống',
    role: Role.ADMIN,
    person: { unit: 'VPUB', post: 'SPECIALIST' },
  },
  // The standing deputy secretary runs the Standing Committee's daily work.
  {
    email: 'thuongvu@anbien.test',
    displayName: 'Ban Thường vụ Đảng ủy',
    role: Role.STANDING_COMMITTEE,
    person: { unit: 'BTV', post: 'STANDING_DEPUTY_SECRETARY' },
  },
  {
    email: 'kiemtra@anbien.test',
    displayName: 'Ủy ban Kiểm tra Đảng ủy',
    role: Role.INSPECTION_COMMITTEE,
    person: { unit: 'UBKT', post: 'INSPECTION_DEPUTY_CHAIR' },
  },
  {
    email: 'xaydungdang@anbien.test',
    displayName: 'Ban Xây dựng Đảng',
    role: Role.PARTY_BUILDING,
    person: { unit: 'BXDD', post: 'BOARD_HEAD' },
  },
  // Citizens' reports and the press are received at the office of the People's Committee.
  {
    email: 'tiepnhan@anbien.test',
    displayName: 'Cán bộ tiếp nhận phản ánh báo chí',
    role: Role.INTAKE_STAFF,
    person: { unit: 'VPUB', post: 'SPECIALIST' },
  },
  {
    email: 'truongdonvi@anbien.test',
    displayName: 'Thủ trưởng đơn vị',
    role: Role.UNIT_HEAD,
    person: { unit: 'UBND', post: 'PEOPLES_COMMITTEE_CHAIR' },
  },
  // The council supervises: its vice-chair reads the board.
  { email: 'xem@anbien.test', displayName: 'Người xem', role: Role.VIEWER, person: { unit: 'HDND', post: 'COUNCIL_VICE_CHAIR' } },
  {
    email: 'chunhiem.ubkt@anbien.test',
    displayName: 'Chủ nhiệm Ủy ban Kiểm tra Đảng ủy',
    role: Role.INSPECTION_COMMITTEE,
    isInspectionChair: true,
    person: { unit: 'UBKT', post: 'INSPECTION_CHAIR' },
  },
];

/** The demo chair of the Inspection Committee, who grants or refuses requests to read a reporter's identity. */
export const DEMO_CHAIR_EMAIL = 'chunhiem.ubkt@anbien.test';

export async function seedDemoAccounts(
  manager: EntityManager,
  opts: SeedOptions,
  unitOf: (role: Role) => string | null = () => null,
): Promise<void> {
  const passwordHash = await opts.hasher.hash(opts.password);
  await manager.insert(
    Account,
    DEMO_ACCOUNTS.map(({ person: _person, ...a }) => ({
      ...a,
      passwordHash,
      unitId: unitOf(a.role),
      disabled: false,
      tokenVersion: 0,
    })),
  );
}

/**
 * Links each demo account to the cadre who holds its post ({@link DEMO_ACCOUNTS}), once the demo's
 * reports, inspections and quality records exist: the seed acts as these accounts before they are
 * anyone, and linking them first would recuse them from the stories they write. Of several holders
 * (specialists), the one no demo record concerns is chosen, so the account's board loses nothing;
 * a single holder who is concerned keeps the account recused from those records, as the rule wants.
 * A cadre already linked to an account is not linked twice.
 */
export async function linkDemoAccountsToCadres(manager: EntityManager, unitIdByKey: ReadonlyMap<string, string>): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    const unitId = unitIdByKey.get(a.person.unit);
    if (!unitId) throw new Error(`the demo ward has no unit ${a.person.unit} for ${a.email}`);
    const [cadre] = (await manager.query(
      `SELECT c.id FROM cadre c JOIN post p ON p.id = c.post_id
        WHERE c.unit_id = $1 AND p.code = $2 AND c.status = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM account x WHERE x.cadre_id = c.id)
        ORDER BY (SELECT count(*) FROM report_subject s WHERE s.cadre_id = c.id)
               + (SELECT count(*) FROM inspection i WHERE i.subject_cadre_id = c.id)
               + (SELECT count(*) FROM discipline_case d WHERE d.cadre_id = c.id)
               + (SELECT count(*) FROM finding f WHERE f.concerned_cadre_ids @> ARRAY[c.id])
               + (SELECT count(*) FROM commendation m WHERE m.cadre_id = c.id), c.full_name, c.id
        LIMIT 1`,
      [unitId, a.person.post],
    )) as Array<{ id: string }>;
    if (!cadre) throw new Error(`the demo ward has no free ${a.person.post} in ${a.person.unit} for ${a.email}`);
    await manager.update(Account, { email: a.email }, { cadreId: cadre.id });
  }
}

/** The demo's involved committee member: a cadre of the register who sits on the Inspection Committee. */
export const DEMO_INVOLVED_MEMBER = {
  email: 'uyvien.kiemtra@anbien.test',
  displayName: 'Ủy viên Ủy ban Kiểm tra',
  role: Role.INSPECTION_COMMITTEE,
} as const;

/**
 * The account of a committee member who is also a cadre of the register (a woman, a Party member
 * of a Party body: deterministic, the first by name), for the recusal story of the demo reports.
 */
export async function seedInvolvedCommitteeMember(
  manager: EntityManager,
  opts: SeedOptions,
): Promise<{ accountId: string; cadreId: string; fullName: string; unitName: string }> {
  const [cadre] = (await manager.query(
    `SELECT c.id, c.full_name, u.name AS unit_name FROM cadre c JOIN unit u ON u.id = c.unit_id
      WHERE c.gender = 'FEMALE' AND c.party_member AND c.status = 'ACTIVE' AND u.body = 'PARTY_OFFICE' AND u.parent_id IS NOT NULL
      ORDER BY c.full_name, c.id LIMIT 1`,
  )) as Array<{ id: string; full_name: string; unit_name: string }>;
  if (!cadre) throw new Error('the demo ward has no woman Party member in a Party body to seat on the Inspection Committee');
  const account = await manager.save(
    manager.create(Account, {
      ...DEMO_INVOLVED_MEMBER,
      passwordHash: await opts.hasher.hash(opts.password),
      unitId: null,
      cadreId: cadre.id,
      disabled: false,
      tokenVersion: 0,
    }),
  );
  return { accountId: account.id, cadreId: cadre.id, fullName: cadre.full_name, unitName: cadre.unit_name };
}
