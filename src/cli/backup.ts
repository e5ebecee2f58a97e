import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSecrets } from '../app';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { BackupError, takeBackup } from '../db/backup';
import { runTool, toolDatabase } from './tool-database';

const usage = `cách dùng: npm run backup -- --out <thư mục> [--keys-out <thư mục>]

Ghi <thư mục>/giamsat-<ngày>-<giờ>/ (manifest.json và dữ liệu) từ PostgreSQL nhúng (bản sao lưu
gốc mức thấp) hoặc từ DATABASE_URL (pg_dump đúng phiên bản chính của máy chủ).
--keys-out ghi keys.env (khóa JWT, khóa mã tra cứu, khóa danh tính và mật khẩu superuser của
PostgreSQL nhúng) vào một thư mục khác: hãy cất nó tách riêng khỏi bản sao lưu; khi khôi phục cần có nó.`;

/** `npm run backup`: one consistent backup, its manifest, and (when asked) the keys apart. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'keys-out': { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: false,
  });
  if (values.help || !values.out) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const db = await toolDatabase(config, logger);
  try {
    const embedded = !config.databaseUrl;
    const { dir, manifest } = await takeBackup({
      // A base backup (pg_backup_start) needs the embedded superuser; pg_dump runs as the owner
      // role, which row-level security does not bind.
      url: embedded ? db.urlFor('giamsat') : db.url,
      clusterDir: embedded ? path.join(config.embeddedPgDir, 'cluster') : undefined,
      outDir: values.out,
      keysDir: values['keys-out'],
      secrets: await resolveSecrets(config),
      superuserPassword: embedded
        ? (await readFile(path.join(config.embeddedPgDir, 'superuser.password'), 'utf8')).trim()
        : undefined,
    });
    const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `đã ghi ${dir} (${manifest.method}, PostgreSQL ${manifest.serverVersion}, lược đồ ${manifest.schemaVersion}, ${rows} dòng, khóa danh tính cần có: ${manifest.keys.identityKeyIds.join(', ') || 'không có'})\n`,
    );
    if (values['keys-out'])
      process.stdout.write(`đã ghi các khóa vào ${path.resolve(values['keys-out'], 'keys.env')}: hãy cất tách riêng\n`);
    return 0;
  } finally {
    await db.stop();
  }
}

runTool(main, (err) =>
  err instanceof BackupError
    ? `từ chối sao lưu: ${err.message}`
    : err instanceof Error
      ? (err.stack ?? err.message)
      : String(err),
);
