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

const usage = `usage: npm run gen -- [--scale <ward|province|nation>] [--reports <n>] [--quality <n>] [--seed <n>]
  ward       1 ward of An Biên's shape, ${SCALES.ward.cadres} cadres
  province   ${SCALES.province.wards} wards, ${SCALES.province.cadres.toLocaleString('en')} cadres
  nation     ${SCALES.nation.wards.toLocaleString('en')} wards, ${SCALES.nation.cadres.toLocaleString('en')} cadres
  --reports  n reports over the past two years, after the wards (alone: added to the data already there)
  --quality  training, evaluations since 2025 and n satisfaction answers (about n / 0.9 completed
             procedures) for the generated cadres (e.g. --quality 2000000)
A scale adds inspection work too: ward 100 inspections, 300 findings, 25 discipline cases; province and
  nation 20,000 inspections, 60,000 findings, 5,000 discipline cases (one cadre with a long record).
Writes to DATABASE_URL, or to the embedded database of npm start. Runs pending migrations first.
A database that already holds generated wards (or reports) is left as it is.`;

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
      ? `The database already holds generated data; nothing was written (to start over, use an empty database).`
      : `Generated the ${s.scale} scale in ${(s.ms / 1000).toFixed(1)}s (${Math.round(s.cadres / Math.max(s.ms / 1000, 0.001)).toLocaleString('en')} cadres/s).`;
  const bodies = Object.entries(s.byBody)
    .map(
      ([body, b]) =>
        `  ${body.padEnd(17)} ${b.cadres.toLocaleString('en').padStart(9)} cadres, ${b.managers.toLocaleString('en')} leaders/managers`,
    )
    .join('\n');
  return `${head}
  wards             ${s.wards.toLocaleString('en').padStart(9)}
  units             ${s.units.toLocaleString('en').padStart(9)}
  cadres            ${s.cadres.toLocaleString('en').padStart(9)} (${s.managers.toLocaleString('en')} leaders/managers)
${bodies}
`;
}

function reportsSummaryText(s: GenerateReportsSummary): string {
  const head =
    s.outcome === 'already-filled'
      ? `The database already holds generated reports; nothing was written (to start over, use an empty database).`
      : `Generated ${s.reports.toLocaleString('en')} reports in ${(s.ms / 1000).toFixed(1)}s (${Math.round(s.reports / Math.max(s.ms / 1000, 0.001)).toLocaleString('en')} reports/s).`;
  const pct = (n: number) => `${((100 * n) / Math.max(s.reports, 1)).toFixed(1)}%`;
  const statuses = Object.entries(s.byStatus)
    .map(([status, n]) => `  ${status.padEnd(19)} ${n.toLocaleString('en').padStart(9)}  ${pct(n).padStart(6)}`)
    .join('\n');
  // Days in Vietnam, like the rule sets count them.
  const day = (d: Date | null) => (d ? todayInVietnam(d) : '-');
  return `${head}
  reports             ${s.reports.toLocaleString('en').padStart(9)}  received ${day(s.from)} to ${day(s.to)}
  open                ${s.open.toLocaleString('en').padStart(9)}  ${pct(s.open).padStart(6)}
  overdue             ${s.overdue.toLocaleString('en').padStart(9)}  ${pct(s.overdue).padStart(6)}
  subjects            ${s.subjects.toLocaleString('en').padStart(9)}
  timeline entries    ${s.timelineEntries.toLocaleString('en').padStart(9)}
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
      const summary = await generateData(ds, scale, { seed, onProgress: progressBar('cadres') });
      process.stdout.write(summaryText(summary));
      const work = await ds.transaction((manager) => generateInspectionWork(manager, scale));
      process.stdout.write(
        work.longRecordCadreId
          ? `  inspections       ${work.inspections.toLocaleString('en').padStart(9)}\n  findings          ${work.findings.toLocaleString('en').padStart(9)}\n  discipline cases  ${work.cases.toLocaleString('en').padStart(9)}\n  long record       cadre ${work.longRecordCadreId}\n`
          : `  inspection work already present (or no Party members): nothing added\n`,
      );
    }
    if (reportsArg !== undefined) {
      const phaseStarted = Date.now();
      const summary = await generateReports(ds, Number(reportsArg), {
        seed,
        onProgress: progressBar('reports'),
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
          ? `  quality work already present: nothing added\n`
          : `Generated the quality work in ${(q.ms / 1000).toFixed(1)}s
  training courses  ${q.courses.toLocaleString('en').padStart(9)}
  attendance        ${q.attendance.toLocaleString('en').padStart(9)}
  evaluations       ${q.evaluations.toLocaleString('en').padStart(9)}
  procedures        ${q.procedures.toLocaleString('en').padStart(9)}
  survey answers    ${q.answers.toLocaleString('en').padStart(9)}
`,
      );
    }
    return 0;
  } finally {
    await close();
  }
}

runTool(main);
