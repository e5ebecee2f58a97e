import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { MIGRATIONS } from '../../migrations';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import {
  type BackupSecrets,
  BackupError,
  checkRestorable,
  checkRestored,
  isEmptyFolder,
  KEYS_FILE,
  parseKeysFile,
  placeCluster,
  readManifest,
  restoreDump,
} from '../db/backup';
import { runAsIds, startEmbeddedPostgres } from '../db/embedded-postgres';
import { IdentityCipher, Keyring } from '../modules/reports/identity-cipher';
import { runTool } from './tool-database';

const usage = `cách dùng: npm run restore -- --from <thư mục sao lưu> [--keys <thư mục chứa keys.env>] [--data-dir <thư mục>]

Bản sao lưu gốc (của PostgreSQL nhúng) được khôi phục vào <data-dir>/postgres (mặc định: thư mục
PostgreSQL nhúng của DATA_DIR), thư mục này phải trống; bản pg_dump được khôi phục vào cơ sở dữ
liệu của DATABASE_URL, cơ sở dữ liệu này phải trống. Sau đó đối chiếu số dòng, vị trí outbox và
một danh tính đã mã hóa với manifest. Khóa: keys.env từ --keys, nếu không thì JWT_SECRET,
RECEIPT_SECRET và IDENTITY_KEYS.`;

const migrationNames = () => MIGRATIONS.map((m) => (m as unknown as { name: string }).name);

/** `npm run restore`: a backup into an empty target, then checked against its manifest. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, keys: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: false,
  });
  if (values.help || !values.from) {
    process.stderr.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const dir = path.resolve(values.from);
  const manifest = await readManifest(dir);
  const fromFile = values.keys
    ? parseKeysFile(
        await readFile(path.join(values.keys, KEYS_FILE), 'utf8').catch(() => {
          throw new BackupError(`Không có ${KEYS_FILE} trong ${values.keys}. Chưa có gì được ghi.`);
        }),
      )
    : undefined;
  const secrets: Partial<BackupSecrets> = fromFile ?? {
    jwtSecret: config.jwtSecret,
    receiptSecret: config.receiptSecret,
    identityKeys: config.identityKeys,
  };
  for (const w of checkRestorable(manifest, migrationNames(), secrets)) process.stderr.write(`cảnh báo: ${w}\n`);
  const cipher = new IdentityCipher(Keyring.fromConfig(secrets.identityKeys!));
  const openIdentity = (row: { reportId: string; column: string; value: string; wrappedKey: string | null }) =>
    void cipher.decrypt(
      row.value,
      { table: 'reporter_identity', column: row.column, rowId: row.reportId },
      row.wrappedKey ? cipher.unwrapDataKey(row.wrappedKey, row.reportId) : null,
    );

  const dataDir = path.resolve(values['data-dir'] ?? config.dataDir);
  let url: string;
  let stop = async () => undefined as void;
  let undo = async () => undefined as void;
  if (manifest.method === 'pg_dump') {
    if (!config.databaseUrl)
      throw new BackupError(
        'Bản pg_dump được khôi phục vào cơ sở dữ liệu của DATABASE_URL: hãy đặt DATABASE_URL tới một cơ sở dữ liệu trống. Chưa có gì được ghi.',
      );
    // Restored as the owner role (MIGRATION_DATABASE_URL): the app role may not create tables.
    url = config.migrationDatabaseUrl ?? config.databaseUrl;
    await restoreDump(dir, manifest, url);
  } else {
    if (config.databaseUrl)
      throw new BackupError(
        'Bản sao lưu gốc được khôi phục vào PostgreSQL nhúng: hãy bỏ DATABASE_URL (và dùng --data-dir). Chưa có gì được ghi.',
      );
    const password = fromFile?.superuserPassword;
    if (!password)
      throw new BackupError(
        `Bản sao lưu gốc cần mật khẩu superuser của PostgreSQL nhúng: hãy truyền --keys <thư mục> chứa ${KEYS_FILE} do npm run backup -- --keys-out ghi ra. Chưa có gì được ghi.`,
      );
    const pgDir = values['data-dir'] ? path.join(dataDir, 'postgres') : path.resolve(config.embeddedPgDir);
    if (!(await isEmptyFolder(pgDir)))
      throw new BackupError(
        `${pgDir} không trống: chỉ khôi phục vào một thư mục trống (hãy chuyển thư mục cũ đi trước). Chưa có gì được ghi.`,
      );
    undo = () => rm(pgDir, { recursive: true, force: true });
    try {
      await mkdir(pgDir, { recursive: true, mode: 0o700 });
      await placeCluster(dir, path.join(pgDir, 'cluster'));
      await writeFile(path.join(pgDir, 'superuser.password'), password + '\n', { mode: 0o600 });
      const ids = await runAsIds();
      if (ids) await promisify(execFile)('chown', ['-R', `${ids.uid}:${ids.gid}`, path.join(pgDir, 'cluster')]);
      const pg = await startEmbeddedPostgres({ dir: pgDir, port: 0, database: manifest.database, logger });
      url = pg.url;
      stop = () => pg.stop();
    } catch (err) {
      await undo();
      throw err;
    }
  }
  try {
    const check = await checkRestored(url, manifest, openIdentity);
    const rows = Object.values(check.counts).reduce((a, c) => a + c.restored, 0);
    process.stdout.write(
      `đã khôi phục ${dir}: ${Object.keys(check.counts).length} bảng, ${rows} dòng như trong manifest; outbox ở sự kiện ${check.outbox.newestId}; ` +
        `${check.identityOpened ? 'một danh tính đã mã hóa mở được bằng các khóa được đưa' : 'không có danh tính đã mã hóa nào để kiểm tra'}\n`,
    );
    if (manifest.method === 'base-backup' && fromFile && (await isEmptyFolder(path.join(dataDir, 'secrets'))))
      await writeSecretFiles(dataDir, fromFile);
    return 0;
  } catch (err) {
    await stop();
    stop = async () => undefined;
    if (manifest.method === 'base-backup') await undo();
    throw err;
  } finally {
    await stop();
  }
}

/**
 * The data folder's generated key files (src/config/local-secrets.ts), so that `npm start` with
 * DATA_DIR on the restored folder and no keys configured opens it as the old one did.
 */
async function writeSecretFiles(dataDir: string, keys: Partial<BackupSecrets>): Promise<void> {
  const dir = path.join(dataDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (keys.jwtSecret) await writeFile(path.join(dir, 'jwt.key'), keys.jwtSecret + '\n', { mode: 0o600 });
  if (keys.receiptSecret) await writeFile(path.join(dir, 'receipt.key'), keys.receiptSecret + '\n', { mode: 0o600 });
  const demo = /^demo1:([A-Za-z0-9+/_-]+=*)$/.exec(keys.identityKeys ?? '');
  if (demo)
    await writeFile(path.join(dir, 'identity-demo1.key'), Buffer.from(demo[1]!, 'base64').toString('base64url') + '\n', {
      mode: 0o600,
    });
}

runTool(main, (err) =>
  err instanceof BackupError
    ? `từ chối khôi phục: ${err.message}`
    : err instanceof Error
      ? (err.stack ?? err.message)
      : String(err),
);
