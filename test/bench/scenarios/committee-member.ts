import type { BenchEnv } from '../environment';

/**
 * An ordinary member of the Inspection Committee (not the chair) who is also a cadre of the
 * register, as in the demo's recusal story: the recusal policy (src/modules/recusal) is in force
 * for every read, so the list statements carry its anti-joins with a real cadre and the field
 * guards run. Issue 21 ("Measured, not timed"): the policy joins, it adds no statement per row.
 */
export const MEMBER_EMAIL = 'uyvien.bench@anbien.test';

/**
 * Creates the member once per data set (same password as the demo accounts), linked to the cadre
 * that the most reports name (so the policy hides something), never `avoidCadreId` (the cadre
 * whose record is read: a member linked to it would see none of it). Returns its cadre.
 */
export async function ensurePolicyMember(env: BenchEnv, avoidCadreId: string | null = null): Promise<string> {
  const { rows: existing } = await env.pool.query<{ cadre_id: string }>(`SELECT cadre_id FROM account WHERE email = $1`, [
    MEMBER_EMAIL,
  ]);
  if (existing[0]) return existing[0].cadre_id;
  const { rows } = await env.pool.query<{ id: string }>(
    `SELECT coalesce(
       (SELECT s.cadre_id FROM report_subject s WHERE s.cadre_id IS NOT NULL AND s.cadre_id IS DISTINCT FROM $1::uuid
         GROUP BY s.cadre_id ORDER BY count(*) DESC, s.cadre_id LIMIT 1),
       (SELECT c.id FROM cadre c WHERE c.id IS DISTINCT FROM $1::uuid ORDER BY c.id LIMIT 1)) AS id`,
    [avoidCadreId],
  );
  const cadreId = rows[0]!.id;
  await env.pool.query(
    `INSERT INTO account (email, display_name, role, password_hash, disabled, token_version, version, cadre_id, is_inspection_chair)
     SELECT $1, 'Ủy viên Ủy ban Kiểm tra (bench)', 'INSPECTION_COMMITTEE', password_hash, false, 0, 1, $2, false
       FROM account WHERE email = 'kiemtra@anbien.test'`,
    [MEMBER_EMAIL, cadreId],
  );
  return cadreId;
}
