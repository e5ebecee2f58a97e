import type { DataSource } from 'typeorm';
import { DATA_KEY_BINDING, type IdentityCipher, sealEvidencePiece, sealedVersionOf } from './identity-cipher';
import { IDENTITY_COLUMNS } from './reporter-identity.entity';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The sealed identity columns: in the database → bound into the ciphertext. */
const IDENTITY: Array<[string, string]> = [...IDENTITY_COLUMNS, 'groupMembers'].map((c) => [snake(c), c]);

const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Brings every sealed value under the cipher's active key, and every reporter identity under its
 * report's own data key (so that it can be crypto-shredded on retention):
 * 1. each report's wrapped data key is re-wrapped under the active key (the `v2` values it opens
 *    need no change: rotating the keyring costs one small value per report);
 * 2. each identity value still sealed `v1` (directly under the keyring, from before data keys) is
 *    re-sealed `v2` under its report's data key, which is created when the report has none;
 * 3. each stored receipt code is re-sealed `v1` under the active key;
 * 4. each evidence piece still stored plain is sealed under its report's data key.
 * Reports whose identity was destroyed on retention have nothing left to seal and are skipped.
 * Safe beside live servers (which read old and new forms alike): rows are read in batches by id
 * and each value is rewritten only if it is still the one read, so nothing waits on a lock and
 * nothing written meanwhile is overwritten. Returns how many values it saw and rewrote, and how
 * many of those moved from `v1` to a data key.
 */
export async function reencryptIdentities(
  dataSource: DataSource,
  cipher: IdentityCipher,
  batch = 500,
): Promise<{ scanned: number; rotated: number; migrated: number }> {
  let scanned = 0;
  let rotated = 0;
  let migrated = 0;
  const changed = (updated: unknown) => (Array.isArray(updated) && typeof updated[1] === 'number' ? updated[1] : 0);

  // 1. Data keys.
  for (let after = NIL; ;) {
    const rows: Array<{ id: string; wrapped: string }> = await dataSource.query(
      `SELECT report_id AS id, wrapped FROM report_data_key WHERE report_id > $1 ORDER BY report_id LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) break;
    for (const { id, wrapped } of rows) {
      scanned++;
      if (!cipher.needsRotation(wrapped)) continue;
      const next = cipher.rotate(wrapped, { ...DATA_KEY_BINDING, rowId: id });
      rotated += changed(
        await dataSource.query(`UPDATE report_data_key SET wrapped = $1 WHERE report_id = $2 AND wrapped = $3`, [
          next,
          id,
          wrapped,
        ]),
      );
    }
    after = rows[rows.length - 1]!.id;
  }

  /** A report's data key: the one it has, or a new one (a concurrent run's wins). */
  const dataKey = async (id: string): Promise<Buffer> => {
    const fresh = cipher.newDataKey(id);
    await dataSource.query(`INSERT INTO report_data_key (report_id, wrapped) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      id,
      fresh.wrapped,
    ]);
    const [k] = (await dataSource.query(`SELECT wrapped FROM report_data_key WHERE report_id = $1`, [id])) as Array<{
      wrapped: string;
    }>;
    return cipher.unwrapDataKey(k!.wrapped, id);
  };

  // 2. Identities still sealed v1.
  for (let after = NIL; ;) {
    const rows: Array<Record<string, string | null>> = await dataSource.query(
      `SELECT i.report_id AS id, ${IDENTITY.map(([c]) => `i.${c}`).join(', ')}
         FROM reporter_identity i JOIN report r ON r.id = i.report_id
        WHERE i.report_id > $1 AND r.identity_destroyed_at IS NULL ORDER BY i.report_id LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) break;
    for (const row of rows) {
      const id = row['id']!;
      const present = IDENTITY.filter(([c]) => row[c]);
      scanned += present.length;
      const old = present.filter(([c]) => sealedVersionOf(row[c]!) === 'v1');
      if (!old.length) continue;
      const key = await dataKey(id);
      for (const [column, bound] of old) {
        const value = row[column]!;
        const binding = { table: 'reporter_identity', column: bound, rowId: id };
        const next = cipher.encrypt(cipher.decrypt(value, binding), binding, key);
        const n = changed(
          await dataSource.query(`UPDATE reporter_identity SET ${column} = $1 WHERE report_id = $2 AND ${column} = $3`, [
            next,
            id,
            value,
          ]),
        );
        rotated += n;
        migrated += n;
      }
    }
    after = rows[rows.length - 1]!['id']!;
  }

  // 3. Receipt codes.
  for (let after = NIL; ;) {
    const rows: Array<{ id: string; receipt_sealed: string }> = await dataSource.query(
      `SELECT id, receipt_sealed FROM report WHERE id > $1 AND receipt_sealed IS NOT NULL ORDER BY id LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) break;
    for (const { id, receipt_sealed: value } of rows) {
      scanned++;
      if (!cipher.needsRotation(value)) continue;
      const next = cipher.rotate(value, { table: 'report', column: 'receipt', rowId: id });
      rotated += changed(
        await dataSource.query(`UPDATE report SET receipt_sealed = $1 WHERE id = $2 AND receipt_sealed = $3`, [next, id, value]),
      );
    }
    after = rows[rows.length - 1]!.id;
  }
  // 4. Evidence pieces stored plain, before data keys (reports destroyed on retention have none left).
  for (let after = { file: NIL, seq: -1 }; ;) {
    const rows: Array<{ file_id: string; seq: number; data: Buffer; report_id: string }> = await dataSource.query(
      `SELECT c.file_id, c.seq, c.data, f.report_id FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id
        WHERE NOT c.sealed AND (c.file_id, c.seq) > ($1::uuid, $2::int) ORDER BY c.file_id, c.seq LIMIT ${batch}`,
      [after.file, after.seq],
    );
    if (!rows.length) break;
    for (const r of rows) {
      scanned++;
      const sealed = sealEvidencePiece(await dataKey(r.report_id), r.file_id, r.seq, r.data);
      const n = changed(
        await dataSource.query(
          `UPDATE evidence_chunk SET data = $1, sealed = true WHERE file_id = $2 AND seq = $3 AND NOT sealed`,
          [sealed, r.file_id, r.seq],
        ),
      );
      rotated += n;
      migrated += n;
    }
    const last = rows[rows.length - 1]!;
    after = { file: last.file_id, seq: last.seq };
  }
  return { scanned, rotated, migrated };
}
