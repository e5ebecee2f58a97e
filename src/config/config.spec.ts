import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, SETTINGS } from './config';

const PROD_SECRETS = {
  JWT_SECRET: 'x'.repeat(32),
  IDENTITY_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  RECEIPT_SECRET: 'r'.repeat(32),
};

describe('configuration', () => {
  it('has defaults for a zero-setup start on the embedded database with demo data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demoSeed).toBe(true);
    expect(c.embeddedPgDir).toBe('./.data/postgres');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT phải là số nguyên/],
    [{ PORT: '70000' }, /PORT phải trong khoảng 0 đến 65535/],
    [{ NODE_ENV: 'prod' }, /NODE_ENV phải là một trong development, test, production/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL phải dùng lược đồ postgres:\/\//],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET phải dài ít nhất 32 byte/],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' },
      /OTEL_EXPORTER_OTLP_ENDPOINT phải dùng lược đồ http:\/\/ hoặc https:\/\//,
    ],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' }, /OTEL_EXPORTER_OTLP_ENDPOINT phải là một URL như http:\/\/127.0.0.1:4318/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL phải dùng lược đồ redis:\/\/ hoặc rediss:\/\//],
    [{ DEMO_SEED: 'maybe' }, /DEMO_SEED phải là true hoặc false/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' }, /cần có JWT_SECRET khi NODE_ENV=production/],
    [{ NODE_ENV: 'production', ...PROD_SECRETS }, /cần có DATABASE_URL khi NODE_ENV=production/],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://h/db' },
      /cần có IDENTITY_KEYS khi NODE_ENV=production/,
    ],
    [
      { NODE_ENV: 'production', ...PROD_SECRETS, DATABASE_URL: 'postgres://h/db', DEMO_SEED: 'true' },
      /DEMO_SEED không được là true/,
    ],
    [
      { NODE_ENV: 'production', ...PROD_SECRETS, DATABASE_URL: 'postgres://h/db', DEMO_ACTIVITY: 'true' },
      /DEMO_ACTIVITY không được là true/,
    ],
    [{ BOARD_DUE_SOON_DAYS: '0' }, /BOARD_DUE_SOON_DAYS phải trong khoảng 1 đến 60/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never seeds demo data in production, and not by default on an external database', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...PROD_SECRETS, DATABASE_URL: 'postgres://h/db' }).demoSeed).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).demoSeed).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('lists every variable in .env.example and in the table of docs/configuration.md', () => {
    const root = path.join(__dirname, '..', '..');
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const doc = readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
    const table = doc.slice(doc.indexOf('<!-- config-table:start -->'), doc.indexOf('<!-- config-table:end -->'));
    for (const key of Object.keys(SETTINGS)) {
      expect(example).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
      expect(table).toContain(`| \`${key}\` |`);
    }
  });
});
