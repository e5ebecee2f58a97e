import { casesOf } from './report-cases';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Prng } from '../common/prng';
import { GENERATED_CODE_PREFIX } from './cadres.generator';
import type { RuleSet } from '../modules/reports/deadline-rules';
import type { HolidayCalendar } from '../modules/reports/legal-calendar';
import { RuleCatalog } from '../modules/rules/rule-catalog';
import { OPEN_STATUSES } from '../modules/reports/report-workflow';
import type { Report } from '../modules/reports/report.entity';
import {
  ReportChannel,
  ReportComplexity,
  ReportField,
  ReportKind,
  ReportOutcome,
  ReportSource,
  ReportStatus,
} from '../modules/reports/report.enums';
import { RuleBasedDeadlines } from '../modules/reports/reports.policies';

/**
 * Generated reports for benchmarks (`npm run gen -- --reports N`): a plausible flow of reports
 * over the past two years (clipped to the first deadline rule set: no report can be received
 * before a rule set is in force), every kind, source, channel, field and stage, due dates from
 * the deadline rules and holiday calendar stored in the database, subjects among the generated cadres and units.
 *
 * Written straight to the tables with `INSERT … SELECT FROM unnest(…)` in batches, without going
 * through the service: no reporter identities (nothing is sealed), no outbox events, and one
 * RECEIVED timeline entry per report (no TRANSITION entries). Generated reports carry
 * {@link GENERATED_REPORT_MARK} in `content_hash`, so a re-run can tell they are there.
 */

/** `content_hash` of generated reports (a real one is a SHA-256 in hex, never this). */
export const GENERATED_REPORT_MARK = 'generated';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const VN_OFFSET = 7 * HOUR;

export interface GenerateReportsOptions {
  /** Seed of the run: the same seed, count and `now` give the same reports. */
  seed?: number;
  /** Reports per INSERT statement (and per progress call). */
  batchSize?: number;
  /** The present: reports are received before it and overdue relative to it. */
  now?: Date;
  /** How far back the reports go (default 2 years), clipped to the first rule set in force. */
  years?: number;
  /** The deadline rule sets; default: those the database holds now, as the running app reads them. */
  ruleSets?: readonly RuleSet[];
  /** The holiday calendar; default: the one the database holds now (a changed calendar is respected). */
  calendar?: HolidayCalendar;
  /**
   * Drop the secondary indexes of the three tables before writing and build them again after
   * (in the same transaction). Default: for 100,000 reports or more.
   */
  rebuildIndexes?: boolean;
  /** Called when a step after the last batch starts (index builds, VACUUM). */
  onPhase?: (what: string) => void;
  /** Called after each batch with reports written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateReportsSummary {
  /** `already-filled`: generated reports were found and nothing was written. */
  outcome: 'generated' | 'already-filled';
  reports: number;
  byStatus: Record<string, number>;
  open: number;
  overdue: number;
  subjects: number;
  timelineEntries: number;
  from: Date | null;
  to: Date | null;
  ms: number;
}

type W<T> = ReadonlyArray<readonly [T, number]>;

const KINDS: W<ReportKind> = [
  [ReportKind.FEEDBACK, 40],
  [ReportKind.COMPLAINT, 25],
  [ReportKind.PETITION, 22],
  [ReportKind.DENUNCIATION, 13],
];
const PRESS_KINDS: W<ReportKind> = [
  [ReportKind.FEEDBACK, 75],
  [ReportKind.PETITION, 15],
  [ReportKind.COMPLAINT, 10],
];
const SOURCES: W<ReportSource> = [
  [ReportSource.CITIZEN, 78],
  [ReportSource.FATHERLAND_FRONT, 7],
  [ReportSource.HIGHER_LEVEL, 6],
  [ReportSource.INTERNAL, 5],
  [ReportSource.PRESS, 4],
];
const CITIZEN_CHANNELS: W<ReportChannel> = [
  [ReportChannel.WEB, 35],
  [ReportChannel.RECEPTION, 30],
  [ReportChannel.PHONE, 15],
  [ReportChannel.MAIL, 12],
  [ReportChannel.EMAIL, 8],
];
/** Reception and mail are closed on days off: what still comes in. */
const DAY_OFF_CHANNELS: W<ReportChannel> = [
  [ReportChannel.WEB, 70],
  [ReportChannel.EMAIL, 15],
  [ReportChannel.PHONE, 15],
];
const OFFICIAL_CHANNELS: W<ReportChannel> = [
  [ReportChannel.MAIL, 55],
  [ReportChannel.EMAIL, 40],
  [ReportChannel.RECEPTION, 5],
];
const FIELDS: W<ReportField> = [
  [ReportField.LAND, 26],
  [ReportField.ADMINISTRATIVE_PROCEDURE, 18],
  [ReportField.CONSTRUCTION, 16],
  [ReportField.OTHER, 14],
  [ReportField.CADRE_ATTITUDE, 12],
  [ReportField.PUBLIC_FINANCE, 8],
  [ReportField.CORRUPTION, 6],
];
const COMPLEXITIES: W<ReportComplexity> = [
  [ReportComplexity.ORDINARY, 82],
  [ReportComplexity.COMPLEX, 15],
  [ReportComplexity.ESPECIALLY_COMPLEX, 3],
];

/** The stage a report is in, by its age in days: most of the old ones are closed, a few are stuck. */
function statusByAge(prng: Prng, age: number): ReportStatus {
  const S = ReportStatus;
  if (age <= 10) {
    return prng.weighted([
      [S.RECEIVED, 45],
      [S.CLASSIFIED, 30],
      [S.ACCEPTED, 10],
      [S.UNDER_VERIFICATION, 3],
      [S.NOT_ACCEPTED, 5],
      [S.TRANSFERRED, 5],
      [S.MERGED, 2],
    ] as const);
  }
  if (age <= 45) {
    return prng.weighted([
      [S.RECEIVED, 6],
      [S.CLASSIFIED, 8],
      [S.ACCEPTED, 14],
      [S.UNDER_VERIFICATION, 25],
      [S.CONCLUDED, 10],
      [S.CLOSED, 22],
      [S.NOT_ACCEPTED, 7],
      [S.TRANSFERRED, 6],
      [S.MERGED, 2],
    ] as const);
  }
  if (age <= 120) {
    return prng.weighted([
      [S.RECEIVED, 1.5],
      [S.CLASSIFIED, 1.5],
      [S.ACCEPTED, 2.5],
      [S.UNDER_VERIFICATION, 7],
      [S.CONCLUDED, 4],
      [S.CLOSED, 66],
      [S.NOT_ACCEPTED, 9],
      [S.TRANSFERRED, 7],
      [S.MERGED, 2],
    ] as const);
  }
  return prng.weighted([
    [S.RECEIVED, 0.6],
    [S.CLASSIFIED, 0.6],
    [S.ACCEPTED, 0.8],
    [S.UNDER_VERIFICATION, 2.2],
    [S.CONCLUDED, 1.3],
    [S.CLOSED, 77],
    [S.NOT_ACCEPTED, 9],
    [S.TRANSFERRED, 6.5],
    [S.MERGED, 2],
  ] as const);
}

const OUTLETS = [
  'Báo Kiên Giang',
  'Báo Tuổi Trẻ',
  'Báo Thanh Niên',
  'Báo Pháp Luật TP. Hồ Chí Minh',
  'Báo Người Lao Động',
  'VnExpress',
];
const CONCERNED = ['UBND phường', 'Bộ phận một cửa', 'Cán bộ phường (không rõ tên)', 'Ban điều hành khu phố', 'Công an phường'];
const TRANSFER_TO = ['Thanh tra tỉnh', 'Sở Tài nguyên và Môi trường', 'Công an tỉnh', 'Tòa án nhân dân khu vực'];
const NOT_ACCEPTED_REASONS = [
  'Nội dung đã được giải quyết trước đây, không có tình tiết mới.',
  'Không thuộc thẩm quyền giải quyết của phường; đã hướng dẫn người gửi.',
  'Đơn không ghi rõ nội dung, đã đề nghị bổ sung nhưng không nhận được.',
];
const CONCLUSION = 'Đã xác minh tại chỗ, làm việc với các bên liên quan và lập biên bản.';
const PUBLIC_REPLY = 'Ủy ban nhân dân phường đã xem xét và trả lời bằng văn bản; xin cảm ơn ông/bà đã phản ánh.';
const ART25_NOTE = 'Tố cáo nặc danh: tiếp nhận như thông tin để kiểm tra (Luật Tố cáo, Điều 25).';

/** One report row, as the column arrays of the INSERT want it (instants as ISO strings). */
interface Row {
  id: string;
  version: number;
  kind: ReportKind;
  source: ReportSource;
  channel: ReportChannel;
  field: ReportField;
  title: string;
  content: string;
  status: ReportStatus;
  receivedAt: string;
  updatedAt: string;
  receiptKey: string | null;
  anonymous: boolean;
  treatedAsInformation: boolean;
  concernedText: string | null;
  handlerId: string | null;
  complexity: ReportComplexity;
  remoteArea: boolean;
  stageStartedAt: string;
  dueAt: string | null;
  ruleSetId: string;
  acceptedAt: string | null;
  outcome: ReportOutcome | null;
  conclusion: string | null;
  publicReply: string | null;
  notAcceptedReason: string | null;
  transferredTo: string | null;
  mergedIntoId: string | null;
  pressOutlet: string | null;
  articleTitle: string | null;
  articleUrl: string | null;
  publishedOn: string | null;
  timelineActor: 'STAFF' | 'REPORTER';
  timelineNote: string | null;
  visibleToReporter: boolean;
}

const REPORT_COLUMNS: ReadonlyArray<readonly [string, string, (r: Row) => unknown]> = [
  ['id', 'uuid', (r) => r.id],
  ['created_at', 'timestamptz', (r) => r.receivedAt],
  ['updated_at', 'timestamptz', (r) => r.updatedAt],
  ['version', 'int', (r) => r.version],
  ['kind', 'report_kind', (r) => r.kind],
  ['source', 'report_source', (r) => r.source],
  ['channel', 'report_channel', (r) => r.channel],
  ['field', 'report_field', (r) => r.field],
  ['title', 'text', (r) => r.title],
  ['content', 'text', (r) => r.content],
  ['content_redacted', 'text', (r) => r.content],
  // Generated reports carry no reporter's identity: the redacted copies are the text itself.
  ['title_redacted', 'text', (r) => r.title],
  ['status', 'report_status', (r) => r.status],
  ['received_at', 'timestamptz', (r) => r.receivedAt],
  ['receipt_key', 'text', (r) => r.receiptKey],
  ['anonymous', 'bool', (r) => r.anonymous],
  ['treated_as_information', 'bool', (r) => r.treatedAsInformation],
  ['concerned_text', 'text', (r) => r.concernedText],
  ['concerned_text_redacted', 'text', (r) => r.concernedText],
  ['handler_id', 'uuid', (r) => r.handlerId],
  ['complexity', 'report_complexity', (r) => r.complexity],
  ['remote_area', 'bool', (r) => r.remoteArea],
  ['stage_started_at', 'timestamptz', (r) => r.stageStartedAt],
  ['due_at', 'timestamptz', (r) => r.dueAt],
  ['rule_set_id', 'text', (r) => r.ruleSetId],
  ['accepted_at', 'timestamptz', (r) => r.acceptedAt],
  ['outcome', 'report_outcome', (r) => r.outcome],
  ['conclusion', 'text', (r) => r.conclusion],
  ['public_reply', 'text', (r) => r.publicReply],
  ['not_accepted_reason', 'text', (r) => r.notAcceptedReason],
  ['transferred_to', 'text', (r) => r.transferredTo],
  ['merged_into_id', 'uuid', (r) => r.mergedIntoId],
  ['content_hash', 'text', () => GENERATED_REPORT_MARK],
  ['press_outlet', 'text', (r) => r.pressOutlet],
  ['article_title', 'text', (r) => r.articleTitle],
  ['article_url', 'text', (r) => r.articleUrl],
  ['published_on', 'date', (r) => r.publishedOn],
];

const INSERT_REPORTS = `INSERT INTO report (${REPORT_COLUMNS.map(([c]) => `"${c}"`).join(', ')})
  SELECT * FROM unnest(${REPORT_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})`;
const INSERT_TIMELINE = `INSERT INTO report_timeline_entry (report_id, at, type, actor, to_status, note, note_redacted, visible_to_reporter)
  SELECT r, a, 'RECEIVED', ac, 'RECEIVED', n, n, v FROM unnest($1::uuid[], $2::timestamptz[], $3::timeline_actor[], $4::text[], $5::bool[]) AS t(r, a, ac, n, v)`;
// received_at given, so report_subject_received_at_fill need not look the report up for each row.
const INSERT_SUBJECTS = `INSERT INTO report_subject (report_id, cadre_id, unit_id, received_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[])`;

/** The handling steps up to `status`, each with the days it usually takes after the previous one. */
function pathTo(status: ReportStatus, prng: Prng, complexity: ReportComplexity): Array<[ReportStatus, number]> {
  const S = ReportStatus;
  const classify: [ReportStatus, number] = [S.CLASSIFIED, 0.2 + prng.next() * 3.5];
  const accept: [ReportStatus, number] = [S.ACCEPTED, 1 + prng.next() * 8];
  const verify: [ReportStatus, number] = [S.UNDER_VERIFICATION, prng.next() * 4];
  const conclude: [ReportStatus, number] = [S.CONCLUDED, (complexity === ReportComplexity.ORDINARY ? 8 : 25) + prng.next() * 30];
  switch (status) {
    case S.RECEIVED:
    case S.INFORMATION:
    case S.INFORMATION_USED:
    case S.INFORMATION_FILED:
      return [];
    case S.CLASSIFIED:
      return [classify];
    case S.ACCEPTED:
      return [classify, accept];
    case S.UNDER_VERIFICATION:
      return [classify, accept, verify];
    case S.CONCLUDED:
      return [classify, accept, verify, conclude];
    case S.NOT_ACCEPTED:
      return [classify, [S.NOT_ACCEPTED, 1 + prng.next() * 8]];
    case S.TRANSFERRED:
      return [classify, [S.TRANSFERRED, 1 + prng.next() * 4]];
    case S.MERGED:
      return prng.chance(0.6) ? [[S.MERGED, 0.3 + prng.next() * 6]] : [classify, [S.MERGED, 1 + prng.next() * 6]];
    case S.CLOSED: {
      const close: [ReportStatus, number] = [S.CLOSED, 1 + prng.next() * 10];
      const r = prng.next();
      if (r < 0.1) return [classify, [S.NOT_ACCEPTED, 1 + prng.next() * 8], close];
      if (r < 0.15) return [classify, [S.TRANSFERRED, 1 + prng.next() * 4], close];
      return [classify, accept, verify, conclude, close];
    }
  }
}

/** Where generated subjects come from: generated cadres (with their units) and units. */
interface SubjectPool {
  cadres: Array<{ id: string; unitId: string }>;
  units: string[];
}

async function subjectPool(manager: EntityManager): Promise<SubjectPool> {
  const like = `${GENERATED_CODE_PREFIX}%`;
  let cadres = (await manager.query(
    `SELECT c.id, c.unit_id AS "unitId" FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.code LIKE $1 ORDER BY c.id`,
    [like],
  )) as SubjectPool['cadres'];
  let units = ((await manager.query(`SELECT id FROM unit WHERE code LIKE $1 ORDER BY id`, [like])) as Array<{ id: string }>).map(
    (u) => u.id,
  );
  if (!cadres.length && !units.length) {
    // No generated organisation: the reports concern whatever cadres and units there are (the demo ward, say).
    cadres = (await manager.query(`SELECT id, unit_id AS "unitId" FROM cadre ORDER BY id`)) as SubjectPool['cadres'];
    units = ((await manager.query(`SELECT id FROM unit ORDER BY id`)) as Array<{ id: string }>).map((u) => u.id);
  }
  return { cadres, units };
}

async function countGenerated(manager: EntityManager): Promise<Omit<GenerateReportsSummary, 'outcome' | 'ms'>> {
  const rows = (await manager.query(
    `SELECT status::text AS status, count(*)::int AS n,
            count(*) FILTER (WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND due_at < now())::int AS overdue,
            min(received_at) AS "from", max(received_at) AS "to"
       FROM report WHERE content_hash = $1 GROUP BY status ORDER BY status`,
    [GENERATED_REPORT_MARK],
  )) as Array<{ status: ReportStatus; n: number; overdue: number; from: Date; to: Date }>;
  const [{ subjects, timeline }] = (await manager.query(
    `SELECT (SELECT count(*)::int FROM report_subject s JOIN report r ON r.id = s.report_id WHERE r.content_hash = $1) AS subjects,
            (SELECT count(*)::int FROM report_timeline_entry t JOIN report r ON r.id = t.report_id WHERE r.content_hash = $1) AS timeline`,
    [GENERATED_REPORT_MARK],
  )) as [{ subjects: number; timeline: number }];
  const times = rows.flatMap((r) => [r.from.getTime(), r.to.getTime()]);
  return {
    reports: rows.reduce((s, r) => s + r.n, 0),
    byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    open: rows.filter((r) => OPEN_STATUSES.includes(r.status)).reduce((s, r) => s + r.n, 0),
    overdue: rows.reduce((s, r) => s + r.overdue, 0),
    subjects,
    timelineEntries: timeline,
    from: times.length ? new Date(Math.min(...times)) : null,
    to: times.length ? new Date(Math.max(...times)) : null,
  };
}

/**
 * The deadline rule sets and holiday calendar the database holds now (rule_data_version, seeded
 * from the bundled files when it holds none yet, as the app does on start): generated due dates
 * follow the rules an administrator changed, like those of the running app.
 */
export async function storedRuleData(
  manager: EntityManager,
): Promise<{ ruleSets: readonly RuleSet[]; calendar: HolidayCalendar }> {
  const catalog = new RuleCatalog();
  await catalog.seed(manager);
  await catalog.refresh(manager);
  return { ruleSets: catalog.deadlineRuleSets(), calendar: catalog.holidayCalendar() };
}

/**
 * Adds `count` generated reports to a migrated database, in one transaction (a failed run leaves
 * nothing behind), batch by batch so memory stays flat. A database that already holds generated
 * reports is left alone: the summary says `already-filled`. Subjects are drawn from the
 * generated organisation (`npm run gen -- --scale …`), or from any cadres and units when there is none.
 */
export async function generateReports(
  dataSource: DataSource,
  count: number,
  opts: GenerateReportsOptions = {},
): Promise<GenerateReportsSummary> {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`The number of reports must be a whole number of at least 1, got ${count}`);
  const started = Date.now();
  const seed = opts.seed ?? 2025;
  const batchSize = opts.batchSize ?? 10_000;
  const now = (opts.now ?? new Date()).getTime();
  const stored = opts.ruleSets && opts.calendar ? null : await storedRuleData(dataSource.manager);
  const ruleSets = opts.ruleSets ?? stored!.ruleSets;
  const deadlines = new RuleBasedDeadlines(ruleSets, opts.calendar ?? stored!.calendar);
  const firstRuleDay = Date.parse(`${ruleSets[0]!.effectiveFrom}T00:00:00+07:00`);
  const from = Math.max(now - (opts.years ?? 2) * 365.25 * DAY, firstRuleDay);
  const span = now - from;

  const result = await dataSource.transaction(async (manager): Promise<GenerateReportsSummary> => {
    await manager.query(`SELECT pg_advisory_xact_lock(7265003)`);
    const existing = await countGenerated(manager);
    if (existing.reports > 0) return { outcome: 'already-filled', ...existing, ms: Date.now() - started };
    // A run's own writes need no durable commit before the end; the one COMMIT is durable anyway.
    await manager.query(`SET LOCAL synchronous_commit = off`);
    // Building the secondary indexes once at the end is several times faster than keeping them up
    // row by row (the trigram index above all). Same transaction: a failed run leaves them as they were.
    const rebuild = opts.rebuildIndexes ?? count >= 100_000;
    const indexes = rebuild
      ? ((await manager.query(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
             FROM pg_index i
            WHERE i.indrelid IN ('report'::regclass, 'report_subject'::regclass, 'report_timeline_entry'::regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1`,
        )) as Array<{ name: string; def: string }>)
      : [];
    for (const ix of indexes) await manager.query(`DROP INDEX ${ix.name}`);
    const pool = await subjectPool(manager);
    const handlers = (
      (await manager.query(
        `SELECT id FROM account WHERE role = 'INSPECTION_COMMITTEE' AND NOT disabled ORDER BY email`,
      )) as Array<{ id: string }>
    ).map((a) => a.id);
    const prng = new Prng(seed);

    // Due dates and rule sets depend on a few days and flags only: computed once per combination.
    const dueCache = new Map<string, string | null>();
    const ruleSetCache = new Map<number, string>();
    const vnDay = (ms: number) => Math.floor((ms + VN_OFFSET) / DAY);
    const noonOf = (day: number) => new Date(day * DAY + 12 * HOUR - VN_OFFSET);
    const ruleSetOf = (receivedMs: number): string => {
      const day = vnDay(receivedMs);
      let id = ruleSetCache.get(day);
      if (id === undefined) ruleSetCache.set(day, (id = deadlines.ruleSetIdFor(noonOf(day))));
      return id;
    };
    const dueOf = (r: Row, receivedMs: number, stageMs: number, acceptedMs: number | null): string | null => {
      if (!OPEN_STATUSES.includes(r.status)) return null;
      const rDay = vnDay(receivedMs);
      const sDay = vnDay(stageMs);
      const aDay = acceptedMs === null ? -1 : vnDay(acceptedMs);
      const key = `${r.source === ReportSource.PRESS ? 'P' : r.kind}|${r.status}|${rDay}|${sDay}|${aDay}|${r.complexity}|${r.remoteArea ? 1 : 0}`;
      let due = dueCache.get(key);
      if (due === undefined) {
        const like = {
          kind: r.kind,
          source: r.source,
          status: r.status,
          receivedAt: noonOf(rDay),
          stageStartedAt: noonOf(sDay),
          acceptedAt: acceptedMs === null ? null : noonOf(aDay),
          complexity: r.complexity,
          remoteArea: r.remoteArea,
        } as Report;
        due = deadlines.dueAt(like, [])?.toISOString() ?? null;
        dueCache.set(key, due);
      }
      return due;
    };

    // Receipt times in increasing order, the flow growing by half over the period.
    const timeAt = (i: number): number => {
      const y = (i + prng.next()) / count;
      const x = (-0.8 + Math.sqrt(0.64 + 0.8 * y)) / 0.4; // inverse of F(x) = 0.8x + 0.2x²
      return from + Math.min(x, 1) * span;
    };
    const recent: string[] = [];
    let done = 0;
    opts.onProgress?.(0, count);
    let pending: Promise<unknown> = Promise.resolve();
    for (let first = 0; first < count; first += batchSize) {
      const rows: Row[] = [];
      const subj: [string[], Array<string | null>, Array<string | null>, string[]] = [[], [], [], []];
      for (let i = first; i < Math.min(count, first + batchSize); i++) {
        let receivedMs = timeAt(i);
        const source = prng.weighted(SOURCES);
        const press = source === ReportSource.PRESS;
        const kind = prng.weighted(press ? PRESS_KINDS : KINDS);
        const localDay = vnDay(receivedMs);
        const weekday = new Date(localDay * DAY).getUTCDay();
        const dayOff = weekday === 0 || weekday === 6;
        const channel = press
          ? ReportChannel.PRESS_ARTICLE
          : source === ReportSource.CITIZEN
            ? prng.weighted(dayOff ? DAY_OFF_CHANNELS : CITIZEN_CHANNELS)
            : dayOff
              ? ReportChannel.EMAIL
              : prng.weighted(OFFICIAL_CHANNELS);
        if (channel === ReportChannel.RECEPTION || channel === ReportChannel.MAIL) {
          // Office hours, 7:30 to 17:00 in Vietnam.
          receivedMs = localDay * DAY - VN_OFFSET + 7.5 * HOUR + prng.next() * 9.5 * HOUR;
          if (receivedMs >= now) receivedMs = now - prng.int(1, 3600) * 1000;
        }
        const field = prng.weighted(FIELDS);
        const anonymous =
          source === ReportSource.CITIZEN &&
          prng.chance(kind === ReportKind.FEEDBACK ? 0.25 : kind === ReportKind.DENUNCIATION ? 0.3 : 0.08);
        const treatedAsInformation = kind === ReportKind.DENUNCIATION && anonymous;
        const age = (now - receivedMs) / DAY;
        let status = statusByAge(prng, age);
        // An anonymous denunciation is kept as information (Luật Tố cáo Art. 25): no clock; used or filed when old.
        if (treatedAsInformation)
          status =
            age > 45
              ? prng.chance(0.4)
                ? ReportStatus.INFORMATION_USED
                : ReportStatus.INFORMATION_FILED
              : ReportStatus.INFORMATION;
        if (press && (status === ReportStatus.NOT_ACCEPTED || status === ReportStatus.TRANSFERRED)) status = ReportStatus.CLOSED;
        if (status === ReportStatus.MERGED && recent.length < 1000) status = ReportStatus.CLOSED;
        const complexity = prng.weighted(COMPLEXITIES);
        const path: Array<[ReportStatus, number]> =
          status === ReportStatus.INFORMATION_USED || status === ReportStatus.INFORMATION_FILED
            ? [[status, 1 + prng.next() * 20]]
            : pathTo(status, prng, complexity);
        // Steps happen in order after receipt; a path longer than the time since receipt is squeezed into it.
        const total = path.reduce((s, [, d]) => s + d, 0) * DAY;
        const room = now - receivedMs;
        const squeeze = total > room * 0.98 ? (room * (0.3 + 0.68 * prng.next())) / total : 1;
        let t = receivedMs;
        let acceptedMs: number | null = null;
        for (const [s, d] of path) {
          t += d * DAY * squeeze;
          if (s === ReportStatus.ACCEPTED) acceptedMs = t;
        }
        const stageMs = t;
        const accepted = acceptedMs !== null;
        const viaConcluded = path.some(([s]) => s === ReportStatus.CONCLUDED);
        const { title: title0, content: content0 } = prng.pick(casesOf(kind, field));
        const n = String(prng.int(1, 60));
        const m = String(prng.int(1, 12));
        const content = content0.replace('{n}', n).replace('{m}', m);
        const id = prng.uuid();
        const row: Row = {
          id,
          version: 1 + path.length,
          kind,
          source,
          channel,
          field,
          title: press ? `${title0}: người dân bức xúc` : title0,
          content,
          status,
          receivedAt: new Date(receivedMs).toISOString(),
          updatedAt: new Date(stageMs).toISOString(),
          receiptKey: press ? null : createHash('sha256').update(`gen-receipt:${seed}:${i}`).digest('hex'),
          anonymous,
          treatedAsInformation,
          concernedText: null,
          handlerId: accepted && handlers.length ? prng.pick(handlers) : null,
          complexity: accepted ? complexity : ReportComplexity.ORDINARY,
          remoteArea: !press && prng.chance(0.03),
          stageStartedAt: new Date(stageMs).toISOString(),
          dueAt: null,
          ruleSetId: ruleSetOf(receivedMs),
          acceptedAt: acceptedMs === null ? null : new Date(acceptedMs).toISOString(),
          outcome: viaConcluded
            ? prng.weighted([
                [ReportOutcome.UNFOUNDED, 45],
                [ReportOutcome.PARTLY_FOUNDED, 35],
                [ReportOutcome.FOUNDED, 20],
              ] as const)
            : null,
          conclusion: viaConcluded ? CONCLUSION : null,
          publicReply: status === ReportStatus.CLOSED ? PUBLIC_REPLY : null,
          notAcceptedReason: path.some(([s]) => s === ReportStatus.NOT_ACCEPTED) ? prng.pick(NOT_ACCEPTED_REASONS) : null,
          transferredTo: path.some(([s]) => s === ReportStatus.TRANSFERRED) ? prng.pick(TRANSFER_TO) : null,
          mergedIntoId: status === ReportStatus.MERGED ? recent[prng.int(0, recent.length - 500)]! : null,
          pressOutlet: press ? prng.pick(OUTLETS) : null,
          articleTitle: press ? `${title0}: người dân bức xúc` : null,
          articleUrl: press ? `https://bao.example.vn/gen/${id}.html` : null,
          publishedOn: press ? new Date((localDay - prng.int(0, 3)) * DAY).toISOString().slice(0, 10) : null,
          timelineActor: source === ReportSource.CITIZEN && channel === ReportChannel.WEB ? 'REPORTER' : 'STAFF',
          timelineNote: treatedAsInformation ? ART25_NOTE : null,
          visibleToReporter: !press,
        };
        row.dueAt = dueOf(row, receivedMs, stageMs, acceptedMs);
        // Who it concerns: named cadres and units for about half, the reporter's words otherwise.
        const aboutPeople =
          kind === ReportKind.DENUNCIATION || field === ReportField.CADRE_ATTITUDE || field === ReportField.CORRUPTION;
        if (prng.chance(aboutPeople ? 0.75 : 0.35) && (pool.cadres.length || pool.units.length)) {
          const cadre = pool.cadres.length && (aboutPeople || prng.chance(0.5)) ? prng.pick(pool.cadres) : null;
          const about = (cadreId: string | null, unitId: string | null) => {
            subj[0].push(id);
            subj[1].push(cadreId);
            subj[2].push(unitId);
            subj[3].push(row.receivedAt);
          };
          if (cadre) {
            about(cadre.id, null);
            if (prng.chance(0.15)) about(null, cadre.unitId);
          } else if (pool.units.length) {
            about(null, prng.pick(pool.units));
          }
        } else {
          row.concernedText = prng.chance(0.7) ? prng.pick(CONCERNED) : null;
        }
        rows.push(row);
        recent.push(id);
        if (recent.length > 4000) recent.splice(0, 1000);
      }
      // The previous batch was going in while this one was built.
      await pending;
      const reportParams = REPORT_COLUMNS.map(([, , value]) => rows.map(value));
      const timelineParams = [
        rows.map((r) => r.id),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.timelineActor),
        rows.map((r) => r.timelineNote),
        rows.map((r) => r.visibleToReporter),
      ];
      const batchDone = done + rows.length;
      const batchNo = first / batchSize;
      pending = (async () => {
        await manager.query(INSERT_REPORTS, reportParams);
        await manager.query(INSERT_TIMELINE, timelineParams);
        if (subj[0].length) await manager.query(INSERT_SUBJECTS, subj);
        // The foreign-key checks are cached plans made when the tables looked empty (sequential
        // scans, quadratic over a run): fresh statistics after the first two batches replan them.
        if (batchNo < 2) await manager.query('ANALYZE report, report_subject, report_timeline_entry');
        opts.onProgress?.(batchDone, count);
      })();
      // Do not leave a rejected promise unobserved while the next batch is built.
      pending.catch(() => undefined);
      done = batchDone;
    }
    await pending;
    if (indexes.length) {
      opts.onPhase?.(`dựng ${indexes.length} chỉ mục`);
      await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const ix of indexes) await manager.query(ix.def);
    }
    // Generated history is old news to the deadline watcher (src/modules/board): the crossings it
    // holds (overdue, or due within the default 3 days) are recorded as dealt with, without
    // events, as the watcher's first run on a database records what it finds.
    await manager.query(
      `INSERT INTO deadline_alert (report_id, due_at, threshold, emitted)
       SELECT id, due_at, (CASE WHEN due_at < now() THEN 'OVERDUE' ELSE 'DUE_SOON' END)::deadline_threshold, false
         FROM report WHERE content_hash = 'generated' AND status IN (${OPEN_STATUSES.map((st) => `'${st}'`).join(', ')}) AND due_at < now() + interval '3 days'
       ON CONFLICT DO NOTHING`,
    );
    const summary = await countGenerated(manager);
    return { outcome: 'generated', ...summary, ms: Date.now() - started };
  });
  if (result.outcome === 'generated') {
    // Fresh statistics (without them the planner takes these tables for empty and picks scans),
    // and the visibility map a live database has for its old rows, so that index-only scans and
    // counts behave as they would in use. VACUUM cannot run inside the transaction.
    opts.onPhase?.('VACUUM ANALYZE');
    await dataSource.query('VACUUM (ANALYZE) report, report_subject, report_timeline_entry');
  }
  return { ...result, ms: Date.now() - started };
}
