import type { EntityManager } from 'typeorm';
import { IDENTITY_COLUMNS, type IdentityColumn, type ReporterIdentity } from './reporter-identity.entity';
import type { ReportSecrets } from './reports.ports';

/** The reporter's identity in clear, one value per sealed column. */
export type IdentityValues = Record<IdentityColumn, string | null>;

/**
 * A report's data key, unwrapped, or null when it has none (sealed before data keys, `v1`, or
 * erased on retention). Read through `manager`, so the row-level security of the caller applies.
 */
export async function dataKeyOf(manager: EntityManager, secrets: ReportSecrets, reportId: string): Promise<Buffer | null> {
  const [row] = (await manager.query(`SELECT wrapped FROM report_data_key WHERE report_id = $1`, [reportId])) as Array<{
    wrapped: string;
  }>;
  return row ? secrets.unwrapDataKey(row.wrapped, reportId) : null;
}

/** Opens every sealed column of a reporter's identity row (all null when there is none); `v2` values need the report's data key. */
export function openIdentity(
  secrets: ReportSecrets,
  reportId: string,
  row: Partial<ReporterIdentity> | null | undefined,
  dataKey?: Buffer | null,
): IdentityValues {
  const out = {} as IdentityValues;
  for (const column of IDENTITY_COLUMNS) {
    const v = row?.[column];
    out[column] = v ? secrets.open(v, 'reporter_identity', column, reportId, dataKey) : null;
  }
  return out;
}

/** A group complaint's other member, in clear. */
export interface GroupMemberValues {
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

/** Opens a group complaint's sealed member list (empty when there is none). */
export function openGroupMembers(
  secrets: ReportSecrets,
  reportId: string,
  row: Pick<ReporterIdentity, 'groupMembers'> | null | undefined,
  dataKey?: Buffer | null,
): GroupMemberValues[] {
  if (!row?.groupMembers) return [];
  return JSON.parse(
    secrets.open(row.groupMembers, 'reporter_identity', 'groupMembers', reportId, dataKey),
  ) as GroupMemberValues[];
}
