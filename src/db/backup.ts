import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The format written in every manifest; a restore refuses any other. */
export const BACKUP_FORMAT = 'giamsat-backup/1';
const MANIFEST = 'manifest.json';
/** The cluster copy of a base backup, inside the backup folder. */
export const CLUSTER_COPY = 'cluster';
/** The custom-format dump of a pg_dump backup, inside the backup folder. */
export const DUMP_FILE = 'giamsat.dump';
/** The key file written to the keys folder, never to the backup folder. */
export const KEYS_FILE = 'keys.env';

/** Tables whose rows come and go on their own (throttles, presence, pending deltas): never compared. */
export const EPHEMERAL_TABLES = [
  'board_count_delta',
  'board_presence',
  'cadre_fact_dirty',
  'login_throttle',
  'rate_limit_bucket',
];

/** What a backup says about itself: what it needs (keys, schema) and what a restore must find. */
export interface Manifest {
  format: typeof BACKUP_FORMAT;
  /** `base-backup`: a copy of the embedded cluster (pg_backup_start/stop); `pg_dump`: a custom-format dump. */
  method: 'base-backup' | 'pg_dump';
  createdAt: string;
  database: string;
  serverVersion: string;
  serverMajor: number;
  /** The last migration applied (the schema version), and how many were. */
  schemaVersion: string;
  migrations: number;
  /** What a restore needs, never the keys: key ids and SHA-256 fingerprints (first 16 hex digits). */
  keys: {
    identityKeyIds: string[];
    jwtSecretSha256: string;
    receiptSecretSha256: string;
  };
  /** Rows per table. Exact for pg_dump (the dump's own snapshot); for a base backup, counted as the copy began. */
  counts: Record<string, number>;
  countsExact: boolean;
  outbox: { newestId: string };
  wal?: { startLsn: string; stopLsn: string; segments: number };
}

/** A refusal a person can act on (bad folder, wrong keys, non-empty target…): printed without a stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The secrets of a deployment, as the configuration holds them (src/app.ts `AppSecrets`). */
export interface BackupSecrets {
  jwtSecret: string;
  identityKeys: string;
  receiptSecret: string;
}

export const fingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

/** Key ids of an `IDENTITY_KEYS` value (`id:base64,...`). */
export const identityKeyIds = (identityKeys: string) =>
  identityKeys
    .split(',')
    .map((e) => e.trim().split(':')[0]!.trim())
    .filter(Boolean);

/** The keys file (`NAME=value` lines) of a deployment, with the embedded superuser's password when there is one. */
export function keysFileText(secrets: BackupSecrets, superuserPassword?: string): string {
  const lines = [
    '# giamsat keys: store apart from the backups (another machine, a safe); a restore needs them.',
    `JWT_SECRET=${secrets.jwtSecret}`,
    `RECEIPT_SECRET=${secrets.receiptSecret}`,
    `IDENTITY_KEYS=${secrets.identityKeys}`,
  ];
  if (superuserPassword) lines.push(`EMBEDDED_SUPERUSER_PASSWORD=${superuserPassword}`);
  return lines.join('\n') + '\n';
}

export function parseKeysFile(text: string): Partial<BackupSecrets> & { superuserPassword?: string } {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) values.set(m[1]!, m[2]!);
  }
  return {
    jwtSecret: values.get('JWT_SECRET'),
    receiptSecret: values.get('RECEIPT_SECRET'),
    identityKeys: values.get('IDENTITY_KEYS'),
    superuserPassword: values.get('EMBEDDED_SUPERUSER_PASSWORD'),
  };
}

/**
 * Makes `dir` (created if missing) and proves it writable with a probe file; a clear
 * {@link BackupError} otherwise. Root passes permission bits, so the probe, not `access`, decides.
 */
export async function ensureWritableFolder(dir: string, what: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.giamsat-probe-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'đó (hoặc một thư mục bên trên) là một tệp, không phải thư mục'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'không có quyền ghi vào đó'
          : String((err as Error).message);
    throw new BackupError(`Không ghi được ${what} vào ${dir}: ${why}. Chưa có gì được ghi.`);
  }
}

/** Facts every backup records, read in the current transaction of `client`. */
export async function databaseFacts(client: Client): Promise<
  Pick<Manifest, 'schemaVersion' | 'migrations' | 'counts' | 'outbox'> & {
    identityKeyIds: string[];
  }
> {
  const migrations = (
    await client.query<{ name: string; n: string }>(
      `SELECT name, count(*) OVER ()::text AS n FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
    )
  ).rows[0];
  if (!migrations) throw new BackupError('Cơ sở dữ liệu chưa áp dụng migration nào: không có dữ liệu giamsat nào để sao lưu.');
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`)).rows[0]!.n);
  const newest = (await client.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM outbox_event`)).rows[0]!.id ?? '0';
  const keyIds = (
    await client.query<{ id: string }>(
      `SELECT DISTINCT split_part(v, '.', 2) AS id FROM (
         SELECT unnest(ARRAY[full_name, id_number, phone, email, address]) AS v FROM reporter_identity
         UNION ALL SELECT receipt_sealed FROM report
         UNION ALL SELECT wrapped FROM report_data_key) s
        WHERE v LIKE 'v1.%' ORDER BY 1`,
    )
  ).rows.map((r) => r.id);
  return {
    schemaVersion: migrations.name,
    migrations: Number(migrations.n),
    counts,
    outbox: { newestId: newest },
    identityKeyIds: keyIds,
  };
}

async function serverVersion(client: Client): Promise<{ version: string; major: number }> {
  const r = (
    await client.query<{ v: string; n: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
    )
  ).rows[0]!;
  return { version: r.v, major: Math.floor(Number(r.n) / 10000) };
}

/** The major version of a PostgreSQL client tool on PATH (`pg_dump`, `pg_restore`), or undefined when there is none. */
export async function toolMajor(tool: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(tool, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

// Files and folder contents a base backup leaves out (PostgreSQL's "Backing Up the Data Directory").
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'pg_internal.init']);
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Copies a live cluster's files; a file that vanishes meanwhile (a dropped table) is skipped, as WAL replay expects. */
async function copyTree(from: string, to: string, top = true): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  let entries;
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    if (SKIP_FILES.has(e.name) || e.name.startsWith('pgsql_tmp')) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      // pg_wal keeps its sub-folders (archive_status, summaries); the others are left empty
      // (a replication slot's folder without its state file stops recovery).
      if (top && e.name === 'pg_wal') await emptyDirs(src, dst);
      else if (top && EMPTY_DIRS.has(e.name)) await mkdir(dst, { recursive: true, mode: 0o700 });
      else await copyTree(src, dst, false);
    } else if (e.isFile()) {
      await copyFile(src, dst).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }
}

/** The folder and its sub-folders, without files (pg_wal/archive_status, pg_wal/summaries…). */
async function emptyDirs(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const e of await readdir(from, { withFileTypes: true }))
    if (e.isDirectory()) await emptyDirs(path.join(from, e.name), path.join(to, e.name));
}

/**
 * A base backup of the embedded cluster with PostgreSQL's low-level API, on one connection:
 * a temporary physical replication slot keeps every WAL segment from here on, `pg_backup_start`
 * (fast checkpoint) marks the start, the data folder is copied while the server runs, the counts
 * are read in one snapshot as the copy begins, `pg_backup_stop` returns the backup label and
 * tablespace map (written into the copy), `pg_switch_wal` completes the segment holding the stop
 * record, and the segments from the start's to the stop's are copied into the copy's pg_wal. The
 * copy then starts as a consistent cluster: PostgreSQL replays that WAL from the label's checkpoint.
 */
async function baseBackup(client: Client, clusterDir: string, copyDir: string, label: string) {
  const dataDirectory = (await client.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`)).rows[0]!.d;
  if ((await realpath(dataDirectory).catch(() => dataDirectory)) !== (await realpath(clusterDir)))
    throw new BackupError(
      `Cơ sở dữ liệu đang kết nối không phải cụm PostgreSQL nhúng ở ${clusterDir} (nó chạy ở ${dataDirectory}).`,
    );
  const slot = `giamsat_backup_${process.pid}`;
  await client.query(`SELECT pg_create_physical_replication_slot($1, true, true)`, [slot]);
  const start = (await client.query<{ lsn: string }>(`SELECT pg_backup_start($1, true)::text AS lsn`, [label])).rows[0]!.lsn;
  let stopped = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const facts = await databaseFacts(client);
    await client.query('COMMIT');
    await copyTree(clusterDir, copyDir);
    const stop = (
      await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
        `SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)`,
      )
    ).rows[0]!;
    stopped = true;
    await client.query(`SELECT pg_switch_wal()`);
    await writeFile(path.join(copyDir, 'backup_label'), stop.labelfile, { mode: 0o600 });
    if (stop.spcmapfile) await writeFile(path.join(copyDir, 'tablespace_map'), stop.spcmapfile, { mode: 0o600 });
    const names = (
      await client.query<{ a: string; b: string }>(`SELECT pg_walfile_name($1::pg_lsn) AS a, pg_walfile_name($2::pg_lsn) AS b`, [
        start,
        stop.lsn,
      ])
    ).rows[0]!;
    const segments = (await readdir(path.join(clusterDir, 'pg_wal'))).filter(
      (f) => /^[0-9A-F]{24}$/.test(f) && f >= names.a && f <= names.b,
    );
    for (const f of segments) await copyFile(path.join(clusterDir, 'pg_wal', f), path.join(copyDir, 'pg_wal', f));
    if (!segments.includes(names.b))
      throw new BackupError(`Không tìm thấy đoạn WAL ${names.b} sau khi sao lưu; không ghi được bản nào dùng được.`);
    return { facts, wal: { startLsn: start, stopLsn: stop.lsn, segments: segments.length } };
  } finally {
    if (!stopped) await client.query(`SELECT pg_backup_stop(false)`).catch(() => undefined);
    await client.query(`SELECT pg_drop_replication_slot($1)`, [slot]).catch(() => undefined);
  }
}

/** The dump path: counts in an exported snapshot that pg_dump then dumps, so they match the dump exactly. */
async function dumpBackup(client: Client, url: string, file: string, serverMajor: number) {
  const dumpMajor = await toolMajor('pg_dump');
  if (dumpMajor !== serverMajor)
    throw new BackupError(
      dumpMajor === undefined
        ? `Chưa cài pg_dump; hãy cài pg_dump ${serverMajor} (bộ công cụ khách của PostgreSQL ${serverMajor}). Chưa có gì được ghi.`
        : `pg_dump ${dumpMajor} không sao lưu trung thực được PostgreSQL ${serverMajor}: hãy cài pg_dump ${serverMajor} (đúng phiên bản chính của máy chủ). Chưa có gì được ghi.`,
    );
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const snapshot = (await client.query<{ s: string }>(`SELECT pg_export_snapshot() AS s`)).rows[0]!.s;
    const facts = await databaseFacts(client);
    await run(
      'pg_dump',
      // Privileges are kept (grants to the app role, the access log's missing UPDATE/DELETE, the
      // owner's default privileges): a restore without them leaves the app role unable to work.
      ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', `--file=${file}`, `--dbname=${url}`],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return facts;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}

export interface BackupOptions {
  /** URL of the application database. */
  url: string;
  /** The embedded cluster's folder (base backup); undefined: pg_dump of `url`. */
  clusterDir: string | undefined;
  /** Folder that receives `giamsat-<stamp>/`. */
  outDir: string;
  secrets: BackupSecrets;
  /** Folder that receives the keys file (never inside `outDir`'s backup); undefined: none written. */
  keysDir?: string | undefined;
  /** The embedded superuser's password, written to the keys file with the other keys. */
  superuserPassword?: string | undefined;
  now?: Date;
}

/**
 * Writes one backup into `<outDir>/giamsat-<stamp>/` (first as `.partial`, renamed once complete:
 * a failed backup never looks like a good one) and, when asked, the keys into `keysDir`.
 * Returns the backup folder and its manifest.
 */
export async function takeBackup(opts: BackupOptions): Promise<{ dir: string; manifest: Manifest }> {
  const outDir = path.resolve(opts.outDir);
  const keysDir = opts.keysDir ? path.resolve(opts.keysDir) : undefined;
  if (keysDir && (keysDir === outDir || keysDir.startsWith(outDir + path.sep)))
    throw new BackupError(
      `Thư mục khóa ${keysDir} nằm trong thư mục sao lưu ${outDir}: hãy cất các khóa tách riêng khỏi bản sao lưu.`,
    );
  await ensureWritableFolder(outDir, 'bản sao lưu');
  if (keysDir) await ensureWritableFolder(keysDir, 'các khóa');
  const now = opts.now ?? new Date();
  const name = `giamsat-${stamp(now)}`;
  const dir = path.join(outDir, name);
  if (existsSync(dir)) throw new BackupError(`${dir} đã có; không ghi đè gì.`);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { mode: 0o700 });
  const client = new Client({ connectionString: opts.url, application_name: 'giamsat-backup' });
  await client.connect();
  try {
    const version = await serverVersion(client);
    const database = (await client.query<{ d: string }>(`SELECT current_database() AS d`)).rows[0]!.d;
    let facts: Awaited<ReturnType<typeof databaseFacts>>;
    let wal: Manifest['wal'];
    if (opts.clusterDir) {
      ({ facts, wal } = await baseBackup(client, opts.clusterDir, path.join(partial, CLUSTER_COPY), name));
    } else {
      facts = await dumpBackup(client, opts.url, path.join(partial, DUMP_FILE), version.major);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      method: opts.clusterDir ? 'base-backup' : 'pg_dump',
      createdAt: now.toISOString(),
      database,
      serverVersion: version.version,
      serverMajor: version.major,
      schemaVersion: facts.schemaVersion,
      migrations: facts.migrations,
      keys: {
        identityKeyIds: facts.identityKeyIds,
        jwtSecretSha256: fingerprint(opts.secrets.jwtSecret),
        receiptSecretSha256: fingerprint(opts.secrets.receiptSecret),
      },
      counts: facts.counts,
      countsExact: !opts.clusterDir,
      outbox: facts.outbox,
      ...(wal ? { wal } : {}),
    };
    const missing = facts.identityKeyIds.filter((id) => !identityKeyIds(opts.secrets.identityKeys).includes(id));
    if (missing.length)
      throw new BackupError(
        `Dữ liệu có danh tính được mã hóa bằng khóa ${missing.join(', ')} mà IDENTITY_KEYS không có: hãy tìm lại các khóa đó trước khi sao lưu.`,
      );
    await writeFile(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    await rename(partial, dir);
    if (keysDir)
      await writeFile(path.join(keysDir, KEYS_FILE), keysFileText(opts.secrets, opts.superuserPassword), { mode: 0o600 });
    return { dir, manifest };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (err) {
    throw new BackupError(`${dir} không phải bản sao lưu giamsat (không đọc được ${MANIFEST}: ${(err as Error).message}).`);
  }
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(
      `${dir} có định dạng sao lưu lạ ${String(manifest.format)} (phiên bản này đọc định dạng ${BACKUP_FORMAT}).`,
    );
  return manifest;
}

/**
 * What must hold before anything is written: the code knows the backup's schema (a backup from a
 * newer version is refused), and the keys open what the data holds.
 */
export function checkRestorable(
  manifest: Manifest,
  knownMigrations: readonly string[],
  secrets: Partial<BackupSecrets>,
): string[] {
  if (!knownMigrations.includes(manifest.schemaVersion))
    throw new BackupError(
      `Lược đồ của bản sao lưu (${manifest.schemaVersion}, ${manifest.migrations} migration) mới hơn phiên bản mã này biết (cuối cùng: ${knownMigrations[knownMigrations.length - 1]}): hãy khôi phục bằng phiên bản giamsat đã tạo ra nó, hoặc phiên bản mới hơn.`,
    );
  if (!secrets.identityKeys)
    throw new BackupError(
      'Chưa có IDENTITY_KEYS: hãy truyền --keys <thư mục chứa keys.env> hoặc đặt IDENTITY_KEYS. Chưa có gì được ghi.',
    );
  const have = identityKeyIds(secrets.identityKeys);
  const missing = manifest.keys.identityKeyIds.filter((id) => !have.includes(id));
  if (missing.length)
    throw new BackupError(
      `Danh tính trong bản sao lưu được mã hóa bằng khóa ${missing.join(', ')} mà các khóa được đưa không có (chỉ có ${have.join(', ') || 'không khóa nào'}). Chưa có gì được ghi.`,
    );
  if (!secrets.receiptSecret || fingerprint(secrets.receiptSecret) !== manifest.keys.receiptSecretSha256)
    throw new BackupError(
      'RECEIPT_SECRET được đưa không phải của bản sao lưu (dấu vân tay khác): người gửi đơn sẽ không tra cứu được đơn của mình nữa. Chưa có gì được ghi.',
    );
  const warnings: string[] = [];
  if (!secrets.jwtSecret || fingerprint(secrets.jwtSecret) !== manifest.keys.jwtSecretSha256)
    warnings.push(
      'JWT_SECRET khác của bản sao lưu: mọi người phải đăng nhập lại và các con trỏ đã lưu hết dùng được (không mất dữ liệu).',
    );
  return warnings;
}

/** A database with no table of its own in `public` (what pg_restore may fill). */
export async function isEmptyDatabase(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    );
    return r.rows[0]!.n === '0';
  } finally {
    await client.end();
  }
}

/** Loads a pg_dump backup into an empty database with pg_restore of the server's major version. */
export async function restoreDump(dir: string, manifest: Manifest, url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let major: number;
  try {
    major = (await serverVersion(client)).major;
  } finally {
    await client.end();
  }
  const restoreMajor = await toolMajor('pg_restore');
  if (restoreMajor === undefined || restoreMajor < manifest.serverMajor || restoreMajor !== major)
    throw new BackupError(
      `pg_restore ${restoreMajor ?? '(chưa cài)'} không nạp được bản sao lưu của PostgreSQL ${manifest.serverMajor} vào PostgreSQL ${major}: hãy cài pg_restore ${major}. Chưa có gì được ghi.`,
    );
  if (!(await isEmptyDatabase(url)))
    throw new BackupError('Cơ sở dữ liệu đích không trống: chỉ khôi phục vào một cơ sở dữ liệu trống. Chưa có gì được ghi.');
  await run(
    'pg_restore',
    ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, path.join(dir, DUMP_FILE)],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

/** A folder that does not exist or holds nothing. */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
  } catch {
    return true;
  }
  return (await readdir(dir)).length === 0;
}

/** Copies a base backup's cluster into `clusterDir` (which must be empty), ready for PostgreSQL to recover. */
export async function placeCluster(dir: string, clusterDir: string): Promise<void> {
  if (!(await isEmptyFolder(clusterDir)))
    throw new BackupError(`${clusterDir} không trống: chỉ khôi phục vào một thư mục trống. Chưa có gì được ghi.`);
  await copyTree(path.join(dir, CLUSTER_COPY), clusterDir);
  // copyTree leaves pg_wal empty on a live cluster; a backup's pg_wal holds the segments to replay.
  for (const f of await readdir(path.join(dir, CLUSTER_COPY, 'pg_wal'), { withFileTypes: true }))
    if (f.isFile()) await copyFile(path.join(dir, CLUSTER_COPY, 'pg_wal', f.name), path.join(clusterDir, 'pg_wal', f.name));
}

export interface RestoreCheck {
  counts: Record<string, { backup: number; restored: number }>;
  outbox: { newestId: string; sequenceAhead: boolean };
  /** The reporter identity that was opened with the keys given (its report id), if the backup has any. */
  identityOpened: string | undefined;
}

/**
 * Checks a restored database against its manifest: the row count of every table (equal for a
 * dump; for a base backup at least the count taken as the copy began, throttles and presence
 * aside), the outbox position (its newest event, and a sequence ahead of it so new events never
 * reuse an id), and one sealed identity opened by `openIdentity` with the keys given.
 */
export async function checkRestored(
  url: string,
  manifest: Manifest,
  openIdentity: (row: { reportId: string; column: string; value: string; wrappedKey: string | null }) => void,
): Promise<RestoreCheck> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const facts = await databaseFacts(client);
    const counts: RestoreCheck['counts'] = {};
    const wrong: string[] = [];
    for (const [table, backup] of Object.entries(manifest.counts)) {
      const restored = facts.counts[table];
      counts[table] = { backup, restored: restored ?? -1 };
      if (restored === undefined) wrong.push(`thiếu bảng ${table}`);
      else if (EPHEMERAL_TABLES.includes(table)) continue;
      else if (manifest.countsExact ? restored !== backup : restored < backup)
        wrong.push(`${table}: ${restored} dòng, bản sao lưu có ${backup}`);
    }
    const newest = BigInt(facts.outbox.newestId);
    if (newest < BigInt(manifest.outbox.newestId))
      wrong.push(`outbox: sự kiện mới nhất ${newest}, bản sao lưu có ${manifest.outbox.newestId}`);
    const seq = (
      await client.query<{ v: string; called: boolean }>(
        `SELECT last_value::text AS v, is_called AS called FROM outbox_event_id_seq`,
      )
    ).rows[0]!;
    const sequenceAhead = BigInt(seq.v) >= newest;
    if (!sequenceAhead) wrong.push(`outbox: dãy số id (${seq.v}) chậm hơn sự kiện mới nhất (${newest})`);
    if (wrong.length) throw new BackupError(`Cơ sở dữ liệu đã khôi phục không khớp với bản sao lưu: ${wrong.join('; ')}.`);
    const sample = (
      await client.query<{
        id: string;
        full_name: string | null;
        phone: string | null;
        address: string | null;
        wrapped: string | null;
      }>(
        // v2 values open with their report's data key (wrapped under the keyring).
        `SELECT i.report_id::text AS id, i.full_name, i.phone, i.address, k.wrapped FROM reporter_identity i
           LEFT JOIN report_data_key k ON k.report_id = i.report_id
          WHERE coalesce(i.full_name, i.phone, i.address) IS NOT NULL ORDER BY i.report_id LIMIT 1`,
      )
    ).rows[0];
    let identityOpened: string | undefined;
    if (sample) {
      const [column, value] = (
        [
          ['fullName', sample.full_name],
          ['phone', sample.phone],
          ['address', sample.address],
        ] as const
      ).find(([, v]) => v)!;
      try {
        openIdentity({ reportId: sample.id, column, value: value!, wrappedKey: sample.wrapped });
      } catch (err) {
        throw new BackupError(
          `Một danh tính đã mã hóa trong cơ sở dữ liệu khôi phục không mở được bằng các khóa được đưa: ${(err as Error).message}`,
        );
      }
      identityOpened = sample.id;
    }
    return { counts, outbox: { newestId: facts.outbox.newestId, sequenceAhead }, identityOpened };
  } finally {
    await client.end();
  }
}

/**
 * Deletes the oldest complete backups in `outDir` beyond `keep`. A `.partial` folder (a backup
 * under way, or one a crash cut short) is left alone.
 */
export async function pruneBackups(outDir: string, keep: number): Promise<string[]> {
  const complete = (await readdir(outDir)).filter((n) => /^giamsat-\d{8}-\d{6}$/.test(n)).sort();
  const doomed = complete.slice(0, Math.max(0, complete.length - keep));
  for (const n of doomed) await rm(path.join(outDir, n), { recursive: true, force: true });
  return doomed;
}
