import { conflict } from '../common/errors';

/**
 * Refuses an update based on a stale read. Callers lock the row (SELECT … FOR UPDATE) before
 * comparing, so two concurrent writers cannot both pass.
 */
export function assertVersion(what: string, row: { id: string; version: number }, expected: number): void {
  if (row.version !== expected) {
    throw conflict(
      `${what} ${row.id} was changed by someone else (you sent version ${expected}, it is now ${row.version}); reload it and try again`,
      { id: row.id, currentVersion: row.version },
    );
  }
}
