import type { EntityManager } from 'typeorm';
import type { SeedOptions } from './seed-options';
import { Account } from '../modules/accounts/account.entity';
import { Role } from '../common/role.enum';

/** One demo account per role, and the chair of the Inspection Committee (the identity custodian); the README lists them. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: Role; isInspectionChair?: boolean }> = [
  { email: 'admin@anbien.test', displayName: 'Quản trị hệ thống', role: Role.ADMIN },
  { email: 'thuongvu@anbien.test', displayName: 'Ban Thường vụ Đảng ủy', role: Role.STANDING_COMMITTEE },
  { email: 'kiemtra@anbien.test', displayName: 'Ủy ban Kiểm tra Đảng ủy', role: Role.INSPECTION_COMMITTEE },
  { email: 'xaydungdang@anbien.test', displayName: 'Ban Xây dựng Đảng', role: Role.PARTY_BUILDING },
  { email: 'tiepnhan@anbien.test', displayName: 'Cán bộ tiếp nhận phản ánh báo chí', role: Role.INTAKE_STAFF },
  { email: 'truongdonvi@anbien.test', displayName: 'Thủ trưởng đơn vị', role: Role.UNIT_HEAD },
  { email: 'xem@anbien.test', displayName: 'Người xem', role: Role.VIEWER },
  {
    email: 'chunhiem.ubkt@anbien.test',
    displayName: 'Chủ nhiệm Ủy ban Kiểm tra Đảng ủy',
    role: Role.INSPECTION_COMMITTEE,
    isInspectionChair: true,
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
    DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash, unitId: unitOf(a.role), disabled: false, tokenVersion: 0 })),
  );
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
