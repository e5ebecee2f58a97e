import { IDENTITY_COLUMNS, type IdentityColumn, type ReporterIdentity } from './reporter-identity.entity';
import type { ReportSecrets } from './reports.ports';

/** The reporter's identity in clear, one value per sealed column. */
export type IdentityValues = Record<IdentityColumn, string | null>;

/** Opens every sealed column of a reporter's identity row (all null when there is none). */
export function openIdentity(secrets: ReportSecrets, reportId: string, row: ReporterIdentity | null | undefined): IdentityValues {
  const out = {} as IdentityValues;
  for (const column of IDENTITY_COLUMNS) {
    const v = row?.[column];
    out[column] = v ? secrets.open(v, 'reporter_identity', column, reportId) : null;
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
): GroupMemberValues[] {
  if (!row?.groupMembers) return [];
  return JSON.parse(secrets.open(row.groupMembers, 'reporter_identity', 'groupMembers', reportId)) as GroupMemberValues[];
}
