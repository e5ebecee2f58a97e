import 'reflect-metadata';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServices, resolveSecrets } from '../app';
import { AppError, forbidden, withReason } from '../common/errors';
import { createLogger } from '../common/logger';
import { ROLE_WORDS } from '../common/role.enum';
import { loadConfig } from '../config/config';
import { newContext } from '../graphql/request-context';
import { Account } from '../modules/accounts/account.entity';
import { IMPORT_ROLES } from '../http/imports.routes';
import type { ImportReport } from '../modules/imports/imports.service';
import { progressBar } from './progress-bar';
import { openToolDataSource, runTool } from './tool-database';

const usage = (
  kinds: string[],
) => `cách dùng: npm run import -- <loại> <tệp.xlsx|tệp.csv> [--valid-only] [--dry-run] [--as <email>] [--json]
  loại          ${kinds.join(', ')}
  --valid-only  nhập các dòng hợp lệ dù có dòng lỗi (mặc định: không nhập gì khi có dòng sai)
  --dry-run     kiểm tra toàn bộ và báo những gì sẽ thay đổi, rồi hoàn tác
  --as <email>  tài khoản (PARTY_BUILDING hoặc ADMIN) được ghi trong lịch sử hồ sơ; mặc định không ghi
  --json        in báo cáo dạng JSON (kèm elapsedMs và peakRssBytes) thay cho văn bản
Ghi vào DATABASE_URL, hoặc cơ sở dữ liệu nhúng của npm start. Tiến độ in ra stderr.
Mã thoát: 0 đã nhập (hoặc chạy thử không lỗi), 1 tệp có lỗi (không nhập gì, trừ khi --valid-only), 2 sai cách dùng.`;

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function reportText(r: ImportReport): string {
  const lines = [
    `${r.message}`,
    `  loại ${r.kind}, ${r.format.toUpperCase()} ${mib(r.sizeBytes)}, sha256 ${r.sha256.slice(0, 16)}…, ${r.rows} dòng, ${r.invalidRows} dòng có lỗi`,
  ];
  if (r.previousImport) lines.push(`  tệp này đã được nhập trước đây: ${r.previousImport.at} (${r.previousImport.fileName})`);
  for (const p of r.problems) {
    const where = `dòng ${p.row}${p.column ? `, cột ${p.column}` : ''}${p.header ? ` (${p.header})` : ''}`;
    lines.push(`  ${where}: ${p.message}${p.value !== null && p.column ? ` [${p.value}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        'valid-only': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        as: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    parsed = undefined;
  }
  if (!parsed || parsed.positionals.length !== 2) {
    process.stderr.write(`${usage(['cadres', 'training', 'evaluations', 'satisfaction'])}\n`);
    return 2;
  }
  const [kind, file] = parsed.positionals as [string, string];
  const { values } = parsed;

  const { ds, close } = await openToolDataSource(config, logger, 'giamsat-import');
  try {
    const services = buildServices(ds, config, await resolveSecrets(config));
    if (!services.imports.kindNames().includes(kind)) {
      process.stderr.write(`không có loại dữ liệu nhập "${kind}"\n${usage(services.imports.kindNames())}\n`);
      return 2;
    }
    // The size is checked on the file system first: a file over the limit is never read.
    const size = (await stat(file)).size;
    services.imports.checkSize(size);
    let account: Account | null = null;
    if (values.as) {
      account = await ds.manager.findOne(Account, { where: { email: values.as.trim().toLowerCase() } });
      if (!account || account.disabled)
        throw withReason(forbidden(`Không có tài khoản đang hoạt động ${values.as}`), 'ACCOUNT_NOT_ACTIVE');
      if (!IMPORT_ROLES.includes(account.role))
        throw forbidden(
          `Tài khoản ${values.as} có vai trò ${ROLE_WORDS[account.role]}; chỉ ${IMPORT_ROLES.map((r) => ROLE_WORDS[r]).join(', ')} được nhập dữ liệu`,
        );
    }
    const ctx = newContext(ds, services.makeLoaders, { requestId: 'import-cli', logger, clientAddress: 'cli', account });
    const read = progressBar('đã đọc', mib);
    const write = progressBar('dòng đã ghi');
    const report = await services.imports.run(
      ds,
      ctx,
      kind,
      { name: path.basename(file), data: await readFile(file) },
      {
        validOnly: values['valid-only'] ?? false,
        dryRun: values['dry-run'] ?? false,
        onProgress: (phase, done, total) => (phase === 'read' ? read : write)(done, total),
      },
    );
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    if (values.json)
      process.stdout.write(`${JSON.stringify({ ...report, elapsedMs: Date.now() - started, peakRssBytes }, null, 2)}\n`);
    else
      process.stdout.write(
        `${reportText(report)}  ${((Date.now() - started) / 1000).toFixed(1)} giây, bộ nhớ cao nhất ${mib(peakRssBytes)}\n`,
      );
    return report.outcome === 'REJECTED' || (report.outcome === 'DRY_RUN' && report.problems.length) ? 1 : 0;
  } finally {
    await close();
  }
}

// A refused import (AppError) says why in one line; anything else keeps its stack.
runTool(main, (err) => (err instanceof AppError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)));
