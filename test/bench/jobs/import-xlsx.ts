/**
 * `import-xlsx`: the import of a 50,000-row XLSX file of new cadres by the real command
 * (`npm run import`'s `dist/src/cli/import.js`, a process of its own, so its peak memory is its
 * own), then the same file again (every row unchanged). Time is the wall clock from spawning the
 * process to its exit; memory is the process's peak resident set (getrusage maxrss), which it
 * reports itself in its `--json` output.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BenchEnv } from '../environment';

export interface JobRun {
  label: string;
  seconds: number;
  peakRssMb: number;
  outcome: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: number;
  /** The command's own split: reading the file, the checks against the database, the writes (ms). */
  timings: Record<string, number>;
}

export interface JobResult {
  name: string;
  description: string;
  scale: string;
  fileMb: number;
  goals: { seconds: number; peakRssMb: number };
  runs: JobRun[];
  goalMet: boolean;
}

export const IMPORT_ROWS = 50_000;
const GOALS = { seconds: 30, peakRssMb: 500 };

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Ngọc', 'Hữu', 'Đức', 'Thu', 'Hoài'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
];

/** A file of `rows` new cadres spread over the given units, as a Party Building Board would fill the template. */
export async function writeCadreFile(file: string, rows: number, unitCodes: string[]): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = writer.addWorksheet('Cán bộ');
  ws.columns = [
    { header: 'Họ và tên', width: 28 },
    { header: 'Giới tính', width: 8 },
    { header: 'Ngày sinh', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Mã đơn vị', width: 14 },
    { header: 'Chức vụ', width: 20 },
    { header: 'Loại cán bộ', width: 12 },
    { header: 'Trình độ chuyên môn', width: 12 },
    { header: 'Lý luận chính trị', width: 12 },
    { header: 'Đảng viên', width: 8 },
    { header: 'Ngày vào Đảng', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Điện thoại', width: 14 },
  ];
  const base = Date.UTC(1966, 0, 1);
  for (let i = 0; i < rows; i++) {
    // 4,160 names × distinct birthdays per name: every (name, date of birth) is unique. "Khảo"
    // marks the bench's people: no generated or demo cadre has it, so every row is new.
    const n = i % 4160;
    const k = Math.floor(i / 4160);
    const name = `${FAMILY[n % 16]} Khảo ${MIDDLE[Math.floor(n / 16) % 10]} ${GIVEN[Math.floor(n / 160) % 26]}`;
    const bornDay = new Date(base + ((k * 997 + n) % 12_000) * 86_400_000);
    const member = i % 3 !== 0;
    const joined = member ? new Date(Date.UTC(bornDay.getUTCFullYear() + 25, bornDay.getUTCMonth(), 1)) : null;
    ws.addRow([
      name,
      i % 2 ? 'Nữ' : 'Nam',
      bornDay,
      unitCodes[i % unitCodes.length],
      i % 5 ? 'Chuyên viên' : 'Cán sự',
      i % 4 ? 'Công chức' : 'Viên chức',
      i % 7 ? 'Đại học' : 'Thạc sĩ',
      ['Sơ cấp', 'Trung cấp', 'Cao cấp', 'Chưa có'][i % 4],
      member ? 'Có' : 'Không',
      joined,
      `09${String(10_000_000 + i).slice(-8)}`,
    ]).commit();
  }
  ws.commit();
  await writer.commit();
}

function runImport(env: BenchEnv, file: string): Promise<{ seconds: number; report: Record<string, unknown> }> {
  const cli = path.resolve(__dirname, '../../../src/cli/import.js');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'cadres', file, '--json', '--as', 'xaydungdang@anbien.test'], {
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        JWT_SECRET: env.jwt.secret,
        DATA_DIR: env.config.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      try {
        resolve({ seconds, report: JSON.parse(out) as Record<string, unknown> });
      } catch {
        reject(new Error(`the import exited ${code}: ${err.slice(-2000)}${out.slice(0, 500)}`));
      }
    });
  });
}

export async function runImportJob(env: BenchEnv, progress: (line: string) => void): Promise<JobResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'giamsat-bench-import-'));
  try {
    const units = (
      await env.pool.query<{ code: string }>(
        `SELECT code FROM unit WHERE body IS NOT NULL AND kind IN ('OFFICE', 'PARTY_CELL', 'RESIDENTIAL_PARTY_CELL') ORDER BY code LIMIT 2000`,
      )
    ).rows.map((r) => r.code);
    const file = path.join(dir, 'can-bo-50000.xlsx');
    progress(`import-xlsx: writing ${IMPORT_ROWS.toLocaleString('en')} rows over ${units.length} units`);
    await writeCadreFile(file, IMPORT_ROWS, units);
    const fileMb = (await stat(file)).size / (1024 * 1024);
    const runs: JobRun[] = [];
    for (const label of ['first import (all new)', 'same file again (all unchanged)']) {
      progress(`import-xlsx: ${label}`);
      const { seconds, report } = await runImport(env, file);
      const run: JobRun = {
        label,
        seconds,
        peakRssMb: Number(report['peakRssBytes']) / (1024 * 1024),
        outcome: String(report['outcome'] ?? `refused: ${JSON.stringify(report).slice(0, 300)}`),
        rows: Number(report['rows']),
        created: Number(report['created']),
        updated: Number(report['updated']),
        unchanged: Number(report['unchanged']),
        // A refused run answers with its error, not a report: counted as no problems, its outcome says why.
        problems: Array.isArray(report['problems']) ? report['problems'].length : 0,
        timings: report['timings'] as Record<string, number>,
      };
      progress(
        `import-xlsx: ${run.outcome} in ${seconds.toFixed(1)} s, peak ${run.peakRssMb.toFixed(0)} MB (${run.created} created, ${run.unchanged} unchanged, ${run.problems} problems; ${JSON.stringify(run.timings)})`,
      );
      runs.push(run);
    }
    const expected = [IMPORT_ROWS, 0];
    return {
      name: 'import-xlsx',
      description: `npm run import of a ${IMPORT_ROWS.toLocaleString('en')}-row XLSX of new cadres, then the same file again`,
      scale: env.dataset.scale,
      fileMb,
      goals: GOALS,
      runs,
      goalMet: runs.every(
        (r, i) =>
          r.outcome === 'IMPORTED' && r.created === expected[i] && r.seconds < GOALS.seconds && r.peakRssMb < GOALS.peakRssMb,
      ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
