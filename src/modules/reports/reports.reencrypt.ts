import type { DataSource } from 'typeorm';
import type { IdentityCipher } from './identity-cipher';
import { IDENTITY_COLUMNS } from './reporter-identity.entity';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface Target {
  table: string;
  idColumn: string;
  /** Column in the database → column name bound into the ciphertext. */
  columns: Array<[string, string]>;
}

const TARGETS: Target[] = [
  {
    table: 'reporter_identity',
    idColumn: 'report_id',
    // A group complaint's members are sealed as one value beside the reporter's columns.
    columns: [...IDENTITY_COLUMNS, 'groupMembers'].map((c) => [snake(c), c]),
  },
  { table: 'report', idColumn: 'id', columns: [['receipt_sealed', 'receipt']] },
];

/**
 * Re-seals every reporter identity value and stored receipt code under the cipher's active key.
 * Safe beside live servers (which read old and new keys alike): rows are read in batches by id
 * and each value is rewritten only if it is still the one read, so nothing waits on a lock and
 * nothing written meanwhile is overwritten. Returns how many values it saw and rewrote.
 */
export async function reencryptIdentities(
  dataSource: DataSource,
  cipher: IdentityCipher,
  batch = 500,
): Promise<{ scanned: number; rotated: number }> {
  let scanned = 0;
  let rotated = 0;
  for (const t of TARGETS) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<Record<string, string | null>> = await dataSource.query(
        `SELECT ${t.idColumn} AS id, ${t.columns.map(([c]) => c).join(', ')} FROM ${t.table}
          WHERE ${t.idColumn} > $1 ORDER BY ${t.idColumn} LIMIT ${batch}`,
        [after],
      );
      if (!rows.length) break;
      for (const row of rows) {
        const id = row['id']!;
        for (const [column, bound] of t.columns) {
          const value = row[column];
          if (!value) continue;
          scanned++;
          if (!cipher.needsRotation(value)) continue;
          const next = cipher.rotate(value, { table: t.table, column: bound, rowId: id });
          const updated: unknown = await dataSource.query(
            `UPDATE ${t.table} SET ${column} = $1 WHERE ${t.idColumn} = $2 AND ${column} = $3`,
            [next, id, value],
          );
          rotated += Array.isArray(updated) && typeof updated[1] === 'number' ? updated[1] : 0;
        }
      }
      after = rows[rows.length - 1]!['id']!;
    }
  }
  return { scanned, rotated };
}
