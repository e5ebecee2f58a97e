import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/config';
import { Keyring } from '../../src/modules/reports/identity-cipher';
import { startTestApp, TEST_OPS_TOKEN } from '../support/test-app';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const GUIDE = readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
const DIST = path.join(ROOT, 'dist', 'src', 'cli');

/** The lines of every fenced block of a language in the guide (comments and blank lines dropped). */
function blocks(lang: string): string[][] {
  return [...GUIDE.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) =>
    m[1]!
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

/**
 * Every command of docs/operations.md and what exercises it. A command added to the guide
 * without an entry here fails the first test.
 */
const COVERED: Array<[RegExp, string]> = [
  [/^openssl rand -base64 (32|48)$/, 'this file: generates the secrets and starts a production configuration with them'],
  [/^npm run backup -- --out \S+ --keys-out \S+$/, 'test/e2e/backup.e2e-spec.ts (the built command, same arguments)'],
  [
    /^npm run restore -- --from \S+ --keys \S+ --data-dir \S+$/,
    'test/e2e/backup.e2e-spec.ts (the built command, same arguments)',
  ],
  [/^npm run migration:run$/, 'this file: as the service role of the SQL block'],
  [/^npm run reencrypt$/, 'this file: on the migrated database of the service role'],
  [/^npm run reredact$/, 'this file: on the migrated database of the service role; test/e2e/reredact.e2e-spec.ts'],
  [/^curl -sf -H "Authorization: Bearer \$OPS_TOKEN" http:\/\/127\.0\.0\.1:4000\/metrics$/, 'this file: against a test app'],
  [/^npm run schema:sql( -- --stdout)?$/, '.ci/run (step "schema/database.sql is current")'],
  [/^npm run rules -- holidays \S+ --reason "[^"]+" --as \S+$/, 'test/e2e/rules.e2e-spec.ts (the built command, same arguments)'],
  [/^npm run rules -- history [A-Z_]+$/, 'test/e2e/rules.e2e-spec.ts (the built command, same arguments)'],
];

describe('docs/operations.md: every command is exercised', () => {
  it('lists only commands this suite or CI runs', () => {
    const commands = blocks('sh').flat();
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const uncovered = commands.filter((c) => !COVERED.some(([re]) => re.test(c)));
    expect(uncovered).toEqual([]);
    // And every entry here is still in the guide.
    for (const [re] of COVERED) expect(commands.some((c) => re.test(c))).toBe(true);
  });

  it('generates the secrets as the guide says, and a production configuration accepts them', async () => {
    const [long, key] = blocks('sh').find((b) => b.some((l) => l.startsWith('openssl')))!;
    const secret = async () => (await run('sh', ['-c', long!])).stdout.trim();
    const identityKey = (await run('sh', ['-c', key!])).stdout.trim();
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://giamsat:change-me@db-host:5432/giamsat',
      JWT_SECRET: await secret(),
      RECEIPT_SECRET: await secret(),
      OPS_TOKEN: await secret(),
      IDENTITY_KEYS: `k1:${identityKey}`,
    });
    expect(Keyring.fromConfig(config.identityKeys!).keyIds).toEqual(['k1']);
  });

  it('the role SQL gives a role that owns its database and can apply every migration (extensions included) and run reencrypt and reredact', async () => {
    for (const f of ['migrate.js', 'reencrypt.js', 'reredact.js'])
      if (!existsSync(path.join(DIST, f))) throw new Error(`dist/src/cli/${f} is missing: npm test builds it first`);
    const [sql] = blocks('sql');
    const suffix = randomBytes(4).toString('hex');
    const role = `giamsat_guide_${suffix}`;
    const password = `pw-${suffix}`;
    const statements = sql!
      .join('\n')
      .replace(/\bgiamsat\b/g, role)
      .replace(/'change-me'/g, `'${password}'`)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(statements).toHaveLength(2);
    const adminUrl = process.env['GIAMSAT_TEST_ADMIN_URL']!;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      for (const s of statements) await admin.query(s);
      const u = new URL(adminUrl);
      u.username = role;
      u.password = password;
      u.pathname = `/${role}`;
      const env = {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: u.toString(),
        JWT_SECRET: randomBytes(48).toString('base64'),
        RECEIPT_SECRET: randomBytes(48).toString('base64'),
        IDENTITY_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        LOG_LEVEL: 'warn',
      };
      // `npm run migration:run` is `npm run build && node dist/src/cli/migrate.js run`.
      await run(process.execPath, [path.join(DIST, 'migrate.js'), 'run'], { env });
      const c = new Client({ connectionString: u.toString() });
      await c.connect();
      try {
        const ext = await c.query<{ extname: string }>(
          `SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1`,
        );
        expect(ext.rows.map((r) => r.extname)).toEqual(['pg_trgm', 'unaccent']);
        const owner = await c.query<{ owner: string }>(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'report'`);
        expect(owner.rows[0]?.owner).toBe(role);
      } finally {
        await c.end();
      }
      const { stdout } = await run(process.execPath, [path.join(DIST, 'reencrypt.js')], { env });
      expect(stdout).toBe('đã mã hóa lại 0 trên 0 giá trị bằng khóa k1\n');
      const reredacted = await run(process.execPath, [path.join(DIST, 'reredact.js')], { env });
      expect(reredacted.stdout).toBe('đã che lại thông tin 0 trên 0 đơn thư và 0 ghi chú diễn biến\n');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${role} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 120_000);

  it('the curl of the metrics section answers with the metrics', async () => {
    const t = await startTestApp();
    try {
      const line = blocks('sh')
        .flat()
        .find((l) => l.startsWith('curl'))!
        .replace('127.0.0.1:4000', new URL(t.url).host);
      const { stdout } = await run('sh', ['-c', line], { env: { PATH: process.env['PATH'] ?? '', OPS_TOKEN: TEST_OPS_TOKEN } });
      expect(stdout).toContain('# TYPE giamsat_graphql_operation_duration_seconds histogram');
      // And without the token, curl -f fails (401).
      await expect(run('sh', ['-c', line], { env: { PATH: process.env['PATH'] ?? '', OPS_TOKEN: 'wrong' } })).rejects.toThrow();
    } finally {
      await t.stop();
    }
  });
});
