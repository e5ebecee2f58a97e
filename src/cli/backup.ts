import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSecrets } from '../app';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { BackupError, takeBackup } from '../db/backup';
import { runTool, toolDatabase } from './tool-database';

const usage = `usage: npm run backup -- --out <folder> [--keys-out <folder>]

Writes <folder>/giamsat-<date>-<time>/ (manifest.json and the data) from the embedded PostgreSQL
(a low-level base backup) or from DATABASE_URL (pg_dump of the server's major version).
--keys-out writes keys.env (the JWT, receipt and identity keys, and the embedded superuser's
password) to another folder: keep it apart from the backups; a restore needs it.`;

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
      `wrote ${dir} (${manifest.method}, PostgreSQL ${manifest.serverVersion}, schema ${manifest.schemaVersion}, ${rows} rows, identity keys needed: ${manifest.keys.identityKeyIds.join(', ') || 'none'})\n`,
    );
    if (values['keys-out'])
      process.stdout.write(`wrote the keys to ${path.resolve(values['keys-out'], 'keys.env')}: store them apart\n`);
    return 0;
  } finally {
    await db.stop();
  }
}

runTool(main, (err) =>
  err instanceof BackupError ? `backup refused: ${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err),
);
