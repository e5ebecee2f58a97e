import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvFile } from '../support/sheets';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'import.js');
const HEADER = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Mã đơn vị',
  'Chức vụ',
  'Loại cán bộ',
  'Trình độ chuyên môn',
  'Lý luận chính trị',
  'Đảng viên',
];

describe('npm run import (the command)', () => {
  let t: TestApp;
  let dir: string;
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: {
          PATH: process.env['PATH'] ?? '',
          DATABASE_URL: t.db.url,
          MIGRATION_DATABASE_URL: t.db.ownerUrl,
          JWT_SECRET: TEST_JWT_SECRET,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATA_DIR: dir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const cadreCount = async () => ((await t.app.dataSource.query(`SELECT count(*)::int AS n FROM cadre`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/src/cli/import.js is missing: npm test builds it first (npm run build)');
    t = await startTestApp({ seed: true });
    dir = mkdtempSync(path.join(tmpdir(), 'giamsat-import-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.stop();
  });

  it('imports a file with a progress bar on stderr, names the account in the history, and a second run changes nothing', async () => {
    const file = path.join(dir, 'can-bo.csv');
    writeFileSync(
      file,
      csvFile([
        HEADER,
        ['Vương Thị Ngân', 'Nữ', '14/02/1993', 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không'],
      ]),
    );
    const before = await cadreCount();
    const first = await run(['cadres', file, '--as', 'xaydungdang@anbien.test', '--json']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/\[#+\] 100%.*dòng đã ghi/);
    const report = JSON.parse(first.stdout) as { outcome: string; created: number; peakRssBytes: number; elapsedMs: number };
    expect(report).toMatchObject({ outcome: 'IMPORTED', created: 1 });
    expect(report.peakRssBytes).toBeGreaterThan(10_000_000);
    expect(await cadreCount()).toBe(before + 1);
    const [h] = (await t.app.dataSource.query(
      `SELECT a.email FROM cadre_history h JOIN cadre c ON c.id = h.cadre_id JOIN account a ON a.id = h.account_id WHERE c.full_name = 'Vương Thị Ngân'`,
    )) as Array<{ email: string }>;
    expect(h?.email).toBe('xaydungdang@anbien.test');
    const second = await run(['cadres', file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 thêm mới, 0 cập nhật, 1 không đổi/);
    expect(await cadreCount()).toBe(before + 1);
  });

  it('exits 1 with every problem by row and column when the file is wrong, importing nothing', async () => {
    const file = path.join(dir, 'sai.csv');
    writeFileSync(
      file,
      csvFile([HEADER, ['Lâm Văn Hậu', 'Nam', '1979/12/01', 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không']]),
    );
    const before = await cadreCount();
    const res = await run(['cadres', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Không nhập gì: 1 lỗi ở 1 dòng/);
    expect(res.stdout).toMatch(/dòng 2, cột C \(Ngày sinh\): "1979\/12\/01" không phải ngày đúng định dạng/);
    expect(await cadreCount()).toBe(before);
  });

  it('refuses a 50 MB file before reading it, and a wrong command line with the usage', async () => {
    const big = path.join(dir, 'lon.xlsx');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024));
    const res = await run(['cadres', big]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Tệp nặng 50 MB, quá giới hạn 20 MB: không đọc tệp/);
    const usage = await run(['cadres']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/cách dùng: npm run import -- <loại> <tệp.xlsx\|tệp.csv>/);
  });
});
