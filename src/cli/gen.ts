import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { generateData, type GenerateSummary, isGenScale, SCALES } from '../demo/cadres.generator';
import { generateReports, type GenerateReportsSummary } from '../demo/reports.generator';
import { progressBar } from './progress-bar';
import { openToolDataSource, runTool } from './tool-database';
import { todayInVietnam } from '../common/validation';
import { generateInspectionWork } from '../demo/inspections.generator';
import { generateQualityWork } from '../demo/quality.generator';

const fmt = (n: number) => n.toLocaleString('vi-VN');

const usage = `cách dùng: npm run gen -- [--scale <ward|province|nation>] [--reports <n>] [--quality <n>] [--seed <n>]
  ward       1 phường có cơ cấu như An Biên, ${SCALES.ward.cadres} cán bộ
  province   ${SCALES.province.wards} phường, ${fmt(SCALES.province.cadres)} cán bộ
  nation     ${fmt(SCALES.nation.wards)} phường, ${fmt(SCALES.nation.cadres)} cán bộ
  --reports  n đơn thư trong hai năm qua, sau các phường (dùng riêng: thêm vào dữ liệu đã có)
  --quality  bồi dưỡng, đánh giá từ năm 2025 và n phiếu khảo sát mức độ hài lòng (khoảng n / 0,9
             thủ tục đã hoàn thành) cho các cán bộ đã sinh (ví dụ --quality 2000000)
Mỗi quy mô sinh thêm công tác kiểm tra: phường 100 cuộc kiểm tra, 300 phát hiện, 25 vụ kỷ luật; tỉnh
  và toàn quốc 20.000 cuộc kiểm tra, 60.000 phát hiện, 5.000 vụ kỷ luật (một cán bộ có hồ sơ dài).
Ghi vào DATABASE_URL, hoặc vào cơ sở dữ liệu nhúng của npm start. Chạy các migration còn thiếu trước.
Cơ sở dữ liệu đã có phường (hoặc đơn thư) được sinh thì được giữ nguyên.`;

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

function summaryText(s: GenerateSummary): string {
  const head =
    s.outcome === 'already-filled'
      ? `Cơ sở dữ liệu đã có dữ liệu được sinh; không ghi gì (muốn làm lại, hãy dùng một cơ sở dữ liệu trống).`
      : `Đã sinh quy mô ${s.scale} trong ${(s.ms / 1000).toFixed(1)} giây (${fmt(Math.round(s.cadres / Math.max(s.ms / 1000, 0.001)))} cán bộ/giây).`;
  const bodies = Object.entries(s.byBody)
    .map(([body, b]) => `  ${body.padEnd(17)} ${fmt(b.cadres).padStart(9)} cán bộ, ${fmt(b.managers)} lãnh đạo, quản lý`)
    .join('\n');
  return `${head}
  phường            ${fmt(s.wards).padStart(9)}
  đơn vị            ${fmt(s.units).padStart(9)}
  cán bộ            ${fmt(s.cadres).padStart(9)} (${fmt(s.managers)} lãnh đạo, quản lý)
${bodies}
`;
}

function reportsSummaryText(s: GenerateReportsSummary): string {
  const head =
    s.outcome === 'already-filled'
      ? `Cơ sở dữ liệu đã có đơn thư được sinh; không ghi gì (muốn làm lại, hãy dùng một cơ sở dữ liệu trống).`
      : `Đã sinh ${fmt(s.reports)} đơn thư trong ${(s.ms / 1000).toFixed(1)} giây (${fmt(Math.round(s.reports / Math.max(s.ms / 1000, 0.001)))} đơn/giây).`;
  const pct = (n: number) => `${((100 * n) / Math.max(s.reports, 1)).toFixed(1)}%`;
  const statuses = Object.entries(s.byStatus)
    .map(([status, n]) => `  ${status.padEnd(19)} ${fmt(n).padStart(9)}  ${pct(n).padStart(6)}`)
    .join('\n');
  // Days in Vietnam, like the rule sets count them.
  const day = (d: Date | null) => (d ? todayInVietnam(d) : '-');
  return `${head}
  đơn thư             ${fmt(s.reports).padStart(9)}  tiếp nhận từ ${day(s.from)} đến ${day(s.to)}
  đang giải quyết     ${fmt(s.open).padStart(9)}  ${pct(s.open).padStart(6)}
  quá hạn             ${fmt(s.overdue).padStart(9)}  ${pct(s.overdue).padStart(6)}
  đối tượng           ${fmt(s.subjects).padStart(9)}
  diễn biến           ${fmt(s.timelineEntries).padStart(9)}
${statuses}
`;
}

async function main(): Promise<number> {
  const scale = arg('scale');
  const seedArg = arg('seed');
  const reportsArg = arg('reports');
  const qualityArg = arg('quality');
  if (
    (scale === undefined && reportsArg === undefined && qualityArg === undefined) ||
    (qualityArg !== undefined && !/^\d{1,8}$/.test(qualityArg)) ||
    (scale !== undefined && !isGenScale(scale)) ||
    (reportsArg !== undefined && !/^[1-9]\d{0,7}$/.test(reportsArg)) ||
    (seedArg !== undefined && !/^\d{1,9}$/.test(seedArg))
  ) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const seed = seedArg ? Number(seedArg) : undefined;
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { ds, close } = await openToolDataSource(config, logger, 'giamsat-gen');
  try {
    if (scale !== undefined && isGenScale(scale)) {
      const summary = await generateData(ds, scale, { seed, onProgress: progressBar('cán bộ') });
      process.stdout.write(summaryText(summary));
      const work = await ds.transaction((manager) => generateInspectionWork(manager, scale));
      process.stdout.write(
        work.longRecordCadreId
          ? `  cuộc kiểm tra     ${fmt(work.inspections).padStart(9)}\n  phát hiện         ${fmt(work.findings).padStart(9)}\n  vụ kỷ luật        ${fmt(work.cases).padStart(9)}\n  hồ sơ dài         cán bộ ${work.longRecordCadreId}\n`
          : `  đã có công tác kiểm tra (hoặc không có đảng viên): không thêm gì\n`,
      );
    }
    if (reportsArg !== undefined) {
      const phaseStarted = Date.now();
      const summary = await generateReports(ds, Number(reportsArg), {
        seed,
        onProgress: progressBar('đơn thư'),
        onPhase: (what) => process.stderr.write(`${what}…  ${((Date.now() - phaseStarted) / 1000).toFixed(1)}s\n`),
      });
      process.stdout.write(reportsSummaryText(summary));
    }
    if (qualityArg !== undefined) {
      const phaseStarted = Date.now();
      const q = await ds.transaction((manager) =>
        generateQualityWork(manager, Number(qualityArg), (what) =>
          process.stderr.write(`${what}…  ${((Date.now() - phaseStarted) / 1000).toFixed(1)}s\n`),
        ),
      );
      process.stdout.write(
        q.outcome === 'already-filled'
          ? `  đã có dữ liệu chất lượng: không thêm gì\n`
          : `Đã sinh dữ liệu chất lượng trong ${(q.ms / 1000).toFixed(1)} giây
  lớp bồi dưỡng     ${fmt(q.courses).padStart(9)}
  lượt tham dự      ${fmt(q.attendance).padStart(9)}
  đánh giá          ${fmt(q.evaluations).padStart(9)}
  thủ tục           ${fmt(q.procedures).padStart(9)}
  phiếu khảo sát    ${fmt(q.answers).padStart(9)}
`,
      );
    }
    return 0;
  } finally {
    await close();
  }
}

runTool(main);
