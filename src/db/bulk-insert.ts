import type { EntityManager } from 'typeorm';

/** A column for {@link bulkInsert}: its name and the PostgreSQL type of its array parameter. */
export interface BulkColumn<R> {
  name: string;
  /** Element type, e.g. `uuid`, `text`, `date`, `unit_kind`. */
  type: string;
  value: (row: R) => unknown;
}

/**
 * Inserts many rows with one statement per chunk: one array parameter per column, expanded by
 * `unnest`, so the statement size does not grow with the row count and PostgreSQL parses it once.
 */
export async function bulkInsert<R>(
  manager: EntityManager,
  table: string,
  columns: ReadonlyArray<BulkColumn<R>>,
  rows: readonly R[],
  chunk = 5000,
): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await manager.query(
      sql,
      columns.map((c) => part.map((r) => c.value(r))),
    );
  }
}
