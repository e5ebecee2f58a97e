import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { MIGRATIONS } from '../../migrations';
import { resolveSecrets, startApp } from '../../src/app';
import { type Manifest, toolMajor } from '../../src/db/backup';
import { DailyBackup } from '../../src/db/backup-schedule';
import { IdentityCipher, Keyring } from '../../src/modules/reports/identity-cipher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startEmbeddedInChild } from '../support/embedded-child';
import { startTestApp, TEST_JWT_SECRET, testConfig } from '../support/test-app';

const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'cli');
const logger = pino({ level: 'silent' });
const lastMigration = (MIGRATIONS[MIGRATIONS.length - 1] as unknown as { name: string }).name;

/** Runs `npm run backup` / `npm run restore` as built (dist), with only the environment given. */
function cli(tool: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const file = path.join(DIST, `${tool}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: npm test builds it first (npm run build)`);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [file, ...args], {
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (
      await c.query<{ t: string }>(
        `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
      )
    ).rows;
    const out: Record<string, number> = {};
    for (const { t } of tables)
      out[t] = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`)).rows[0]!.n);
    return out;
  } finally {
    await c.end();
  }
}

async function oneIdentity(url: string): Promise<{ id: string; full_name: string; wrapped: string | null }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (
      await c.query<{ id: string; full_name: string; wrapped: string | null }>(
        // A v2 identity opens with its report's data key, itself wrapped under the keyring.
        `SELECT i.report_id::text AS id, i.full_name, k.wrapped FROM reporter_identity i
           LEFT JOIN report_data_key k ON k.report_id = i.report_id
          WHERE i.full_name IS NOT NULL ORDER BY i.report_id LIMIT 1`,
      )
    ).rows[0]!;
  } finally {
    await c.end();
  }
}

describe('npm run backup and npm run restore on the embedded PostgreSQL (base backup)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'giamsat-backup-'));
  const dataDir = path.join(root, 'data');
  const env = { DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET };
  let pg: Awaited<ReturnType<typeof startEmbeddedInChild>>;
  let before: Record<string, number>;
  let backupDir: string;
  let secrets: Awaited<ReturnType<typeof resolveSecrets>>;

  beforeAll(async () => {
    // The demo ward (reports with sealed identities, inspections, quality) on an embedded
    // server of this test's own, its keys generated into DATA_DIR as `npm start` does.
    pg = await startEmbeddedInChild(path.join(dataDir, 'postgres'));
    const config = testConfig(
      { dataDir, embeddedPgDir: path.join(dataDir, 'postgres'), demoSeed: true },
      { JWT_SECRET: TEST_JWT_SECRET },
    );
    const app = await startApp({ config, logger, databaseUrl: pg.url });
    await app.stop();
    secrets = await resolveSecrets(config);
    before = await tableCounts(pg.url);
  }, 180_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes a base backup with a manifest, the keys in another folder and never in the backup', async () => {
    expect(before['reporter_identity']).toBeGreaterThan(0);
    const res = await cli('backup', ['--out', path.join(root, 'backups'), '--keys-out', path.join(root, 'keys')], env);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const names = readdirSync(path.join(root, 'backups'));
    expect(names).toHaveLength(1);
    backupDir = path.join(root, 'backups', names[0]!);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({
      method: 'base-backup',
      database: 'giamsat',
      schemaVersion: lastMigration,
      migrations: MIGRATIONS.length,
    });
    expect(manifest.serverMajor).toBe(18);
    expect(manifest.keys.identityKeyIds).toEqual(['demo1']);
    expect(manifest.counts['report']).toBe(before['report']);
    expect(existsSync(path.join(backupDir, 'cluster', 'backup_label'))).toBe(true);
    expect(readdirSync(path.join(backupDir, 'cluster', 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f)).length).toBe(
      manifest.wal!.segments,
    );
    // The keys went to their own folder; nothing in the backup folder holds them.
    const keys = readFileSync(path.join(root, 'keys', 'keys.env'), 'utf8');
    expect(keys).toContain(`RECEIPT_SECRET=${secrets.receiptSecret}`);
    expect(keys).toContain(`IDENTITY_KEYS=${secrets.identityKeys}`);
    expect(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')).not.toContain(secrets.receiptSecret);
    expect(existsSync(path.join(backupDir, 'keys.env'))).toBe(false);
    expect(existsSync(path.join(backupDir, 'cluster', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('restores it into an empty data folder, checks it, and the copy has every row and opens its identities', async () => {
    const target = path.join(root, 'restored');
    const res = await cli('restore', ['--from', backupDir, '--keys', path.join(root, 'keys'), '--data-dir', target], env);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('một danh tính đã mã hóa mở được bằng các khóa được đưa');
    // Independently of the command's own check: the restored server has the same rows, and a
    // reporter's identity decrypts with the keys the restore put back into the data folder.
    const copy = await startEmbeddedInChild(path.join(target, 'postgres'));
    try {
      expect(await tableCounts(copy.url)).toEqual(before);
      const restoredSecrets = await resolveSecrets(testConfig({ dataDir: target }));
      expect(restoredSecrets.identityKeys).toBe(secrets.identityKeys);
      const row = await oneIdentity(copy.url);
      const original = await oneIdentity(pg.url);
      const open = (keys: string, v: { id: string; full_name: string; wrapped: string | null }) => {
        const cipher = new IdentityCipher(Keyring.fromConfig(keys));
        return cipher.decrypt(
          v.full_name,
          { table: 'reporter_identity', column: 'fullName', rowId: v.id },
          v.wrapped ? cipher.unwrapDataKey(v.wrapped, v.id) : null,
        );
      };
      expect(open(restoredSecrets.identityKeys, row)).toBe(open(secrets.identityKeys, original));
    } finally {
      await copy.stop();
    }
  }, 120_000);

  it('refuses a backup into a folder it cannot write, and the keys inside the backup folder', async () => {
    const file = path.join(root, 'a-file');
    writeFileSync(file, 'x');
    const res = await cli('backup', ['--out', path.join(file, 'backups')], env);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(
      /^từ chối sao lưu: Không ghi được bản sao lưu vào .*là một tệp, không phải thư mục\. Chưa có gì được ghi\./,
    );
    const inside = await cli('backup', ['--out', path.join(root, 'b2'), '--keys-out', path.join(root, 'b2', 'keys')], env);
    expect(inside.code).toBe(1);
    expect(inside.err).toContain('hãy cất các khóa tách riêng khỏi bản sao lưu');
    expect(existsSync(path.join(root, 'b2'))).toBe(false);
  }, 60_000);

  it('refuses a restore into a folder that is not empty, without the keys, with the wrong keys, or of a newer schema; nothing is written', async () => {
    const keys = ['--keys', path.join(root, 'keys')];
    const target = path.join(root, 'restored');
    const label = readFileSync(path.join(target, 'postgres', 'cluster', 'PG_VERSION'), 'utf8');
    const notEmpty = await cli('restore', ['--from', backupDir, ...keys, '--data-dir', target], env);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err).toMatch(/từ chối khôi phục: .*postgres không trống: chỉ khôi phục vào một thư mục trống/);
    expect(readFileSync(path.join(target, 'postgres', 'cluster', 'PG_VERSION'), 'utf8')).toBe(label);

    const fresh = path.join(root, 'fresh');
    const noKeys = await cli('restore', ['--from', backupDir, '--data-dir', fresh], env);
    expect(noKeys.code).toBe(1);
    expect(noKeys.err).toContain('Chưa có IDENTITY_KEYS');

    const otherKeys = path.join(root, 'other-keys');
    await cp(path.join(root, 'keys'), otherKeys, { recursive: true });
    const text = await readFile(path.join(otherKeys, 'keys.env'), 'utf8');
    await writeFile(
      path.join(otherKeys, 'keys.env'),
      text.replace(/^IDENTITY_KEYS=.*$/m, `IDENTITY_KEYS=k9:${Buffer.alloc(32, 7).toString('base64')}`),
    );
    const wrongKeys = await cli('restore', ['--from', backupDir, '--keys', otherKeys, '--data-dir', fresh], env);
    expect(wrongKeys.code).toBe(1);
    expect(wrongKeys.err).toContain('mã hóa bằng khóa demo1 mà các khóa được đưa không có (chỉ có k9)');

    const future = path.join(root, 'future');
    await cp(backupDir, future, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(future, 'manifest.json'), 'utf8')) as Manifest;
    await writeFile(
      path.join(future, 'manifest.json'),
      JSON.stringify({ ...manifest, schemaVersion: 'FromTheFuture9999999999999' }),
    );
    const newer = await cli('restore', ['--from', future, ...keys, '--data-dir', fresh], env);
    expect(newer.code).toBe(1);
    expect(newer.err).toContain('mới hơn phiên bản mã này biết');
    expect(existsSync(fresh)).toBe(false);
  }, 60_000);

  it('the daily backup keeps BACKUP_KEEP backups', async () => {
    const out = path.join(root, 'daily');
    let day = new Date('2031-05-01T02:00:00Z');
    const daily = new DailyBackup(
      () => ({ url: pg.url, clusterDir: path.join(dataDir, 'postgres', 'cluster'), outDir: out, secrets }),
      { hour: 2, keep: 2, logger },
      () => day,
    );
    for (let i = 0; i < 3; i++) {
      expect(await daily.runOnce()).toBeTruthy();
      day = new Date(day.getTime() + 24 * 3600 * 1000);
    }
    expect(readdirSync(out)).toEqual(['giamsat-20310502-020000', 'giamsat-20310503-020000']);
  }, 120_000);
});

describe('npm run backup and npm run restore with DATABASE_URL (pg_dump)', () => {
  let t: Awaited<ReturnType<typeof startTestApp>> | undefined;
  let target: TestDatabase | undefined;
  const root = mkdtempSync(path.join(tmpdir(), 'giamsat-dump-'));
  afterAll(async () => {
    await t?.stop();
    await target?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it("backs up with the server's own pg_dump and restores into an empty database, or says which pg_dump is needed", async () => {
    t = await startTestApp({ seed: true, seedReports: true });
    const c = new Client({ connectionString: t.db.url });
    await c.connect();
    const serverMajor = Math.floor(
      Number((await c.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`)).rows[0]!.n) / 10000,
    );
    await c.end();
    const secrets = await resolveSecrets(t.app.config);
    // As an operator runs it: the app role's URL and the owner's for tools (row-level security
    // binds the app role, so pg_dump must run as the owner).
    const env = {
      DATABASE_URL: t.db.url,
      MIGRATION_DATABASE_URL: t.db.ownerUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      RECEIPT_SECRET: secrets.receiptSecret,
      IDENTITY_KEYS: secrets.identityKeys,
      DATA_DIR: path.join(root, 'data'),
    };
    const res = await cli('backup', ['--out', path.join(root, 'backups')], env);
    if ((await toolMajor('pg_dump')) !== serverMajor) {
      // The embedded PostgreSQL 18 here has no pg_dump 18: the command says so and writes nothing.
      expect(res.code).toBe(1);
      expect(res.err).toContain(`hãy cài pg_dump ${serverMajor}`);
      expect(readdirSync(path.join(root, 'backups'))).toEqual([]);
      return;
    }
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const dir = path.join(root, 'backups', readdirSync(path.join(root, 'backups'))[0]!);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toMatchObject({ method: 'pg_dump', countsExact: true, schemaVersion: lastMigration });
    expect(manifest.keys.identityKeyIds.length).toBeGreaterThan(0);
    // An empty database: a clone of the migrated template with its schema dropped.
    target = await createTestDatabase();
    const a = new Client({ connectionString: target.ownerUrl });
    await a.connect();
    await a.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await a.end();
    const into = await cli('restore', ['--from', dir], {
      ...env,
      DATABASE_URL: target.url,
      MIGRATION_DATABASE_URL: target.ownerUrl,
    });
    expect(into.err).toBe('');
    expect(into.code).toBe(0);
    expect(into.out).toContain('một danh tính đã mã hóa mở được bằng các khóa được đưa');
    expect(await tableCounts(target.ownerUrl)).toEqual(manifest.counts);
    // The app role works on the restored database: the dump carried its grants.
    const app = new Client({ connectionString: target.url });
    await app.connect();
    try {
      expect((await app.query(`SELECT count(*)::int AS n FROM cadre`)).rows[0]).toEqual({ n: manifest.counts['cadre'] });
      await expect(app.query(`UPDATE identity_access SET report_id = report_id`)).rejects.toThrow(
        /permission denied|append-only|refuse/i,
      );
    } finally {
      await app.end();
    }
    const notEmpty = await cli('restore', ['--from', dir], {
      ...env,
      DATABASE_URL: target.url,
      MIGRATION_DATABASE_URL: target.ownerUrl,
    });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err).toContain('Cơ sở dữ liệu đích không trống');
  }, 180_000);
});
