import type { EntityManager } from 'typeorm';
import type { SeedOptions } from './seed-options';
import { Account } from '../modules/accounts/account.entity';
import { Role } from '../common/role.enum';

/** One demo account per role; the README lists them. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; role: Role }> = [
  { email: 'admin@anbien.test', displayName: 'Quản trị hệ thống', role: Role.ADMIN },
  { email: 'thuongvu@anbien.test', displayName: 'Ban Thường vụ Đảng ủy', role: Role.STANDING_COMMITTEE },
  { email: 'kiemtra@anbien.test', displayName: 'Ủy ban Kiểm tra Đảng ủy', role: Role.INSPECTION_COMMITTEE },
  { email: 'xaydungdang@anbien.test', displayName: 'Ban Xây dựng Đảng', role: Role.PARTY_BUILDING },
  { email: 'tiepnhan@anbien.test', displayName: 'Cán bộ tiếp nhận phản ánh báo chí', role: Role.INTAKE_STAFF },
  { email: 'truongdonvi@anbien.test', displayName: 'Thủ trưởng đơn vị', role: Role.UNIT_HEAD },
  { email: 'xem@anbien.test', displayName: 'Người xem', role: Role.VIEWER },
];

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
