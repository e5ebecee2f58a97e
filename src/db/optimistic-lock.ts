import { conflict, thing } from '../common/errors';

/**
 * Refuses an update based on a stale read. Callers lock the row (SELECT … FOR UPDATE) before
 * comparing, so two concurrent writers cannot both pass.
 */
export function assertVersion(what: string, row: { id: string; version: number }, expected: number): void {
  if (row.version !== expected) {
    throw conflict(
      `${thing(what)[0]} ${row.id} vừa được người khác thay đổi (bạn gửi phiên bản ${expected}, nay là ${row.version}); hãy tải lại rồi thử lại`,
      { id: row.id, currentVersion: row.version, reason: 'STALE_VERSION' },
    );
  }
}
