import { badInput, forbidden } from '../../common/errors';
import { Role } from '../../common/role.enum';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { inspectionKinds } from '../inspections/inspection-kinds';
import { scopeUnit } from '../quality/quality.access';
import { viewerCadreOf } from '../recusal/recusal.policy';
import {
  aggregate,
  FIGURE_BY_CODE,
  type FigureDef,
  FigureGroup,
  type PeriodicRecordKind,
  SCOPED_REPORTS_CTE,
  SOURCES,
  type SourceKey,
} from './figures';
import { assertEnded, type Period, periodLabel, periodOf, type PeriodKind, previousYearOf } from './period';
import { type ReportTemplate, templateOn } from './report-templates';

/** Who reads a periodic report (aggregates): the two committees, and a UNIT_HEAD for its own subtree. */
export const PERIODIC_READERS = [Role.STANDING_COMMITTEE, Role.INSPECTION_COMMITTEE, Role.UNIT_HEAD] as const;
/** Who lists the records behind a figure: the two committees, who read every report, inspection and case. */
export const PERIODIC_RECORD_READERS = [Role.STANDING_COMMITTEE, Role.INSPECTION_COMMITTEE] as const;

export interface PeriodicRowView {
  label: string;
  level: number;
  /** The figure's code; null for a heading. */
  figure: string | null;
  /** With a grouped row: the group's key (the receiving cadre's id). */
  groupKey: string | null;
  current: number | null;
  previous: number | null;
  /** Change against last year's same period, in percent (one decimal); null when last year's figure is 0 or absent. */
  change: number | null;
}

export interface PeriodicTableView {
  key: string;
  title: string;
  rows: PeriodicRowView[];
}

export interface PeriodicReportView {
  template: ReportTemplate;
  period: Period;
  previousPeriod: Period;
  periodLabel: string;
  unitId: string | null;
  scopeName: string | null;
  preparedOn: string;
  tables: PeriodicTableView[];
}

export interface PeriodicRecordView {
  kind: PeriodicRecordKind;
  id: string;
  label: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
export const changeOf = (current: number, previous: number) =>
  previous ? round1((100 * (current - previous)) / previous) : null;

/** The parameters every statement shares ($1-$7, see figures.ts). */
const commonParams = (p: Period, prev: Period, path: string | null, today: string) => [
  p.from,
  p.to,
  prev.from,
  prev.to,
  path,
  inspectionKinds()
    .filter((k) => k.supervision)
    .map((k) => k.code),
  today,
];
/** Types every shared parameter whether or not the statement's sources use it. */
const PARAMS_CTE = `params AS (SELECT $1::date, $2::date, $3::date, $4::date, $5::text, $6::text[], $7::date), ${SCOPED_REPORTS_CTE}`;

/** The one statement of a template: per source, its figures for both periods; per grouped figure, its groups. */
export interface TemplateStatement {
  sql: string;
  /** Per source, the figures in the order of its array (each: current then previous). */
  bySource: Array<[SourceKey, FigureDef[]]>;
  grouped: FigureDef[];
}

const countRowsOf = (key: SourceKey): string => {
  const source: { rows: string; countRows?: string } = SOURCES[key];
  return source.countRows ?? source.rows;
};

function buildStatement(t: ReportTemplate): TemplateStatement {
  const bySource = new Map<SourceKey, FigureDef[]>();
  const grouped = new Map<string, FigureDef>();
  for (const table of t.tables)
    for (const row of table.rows) {
      if (!row.figure) continue;
      const list = bySource.get(row.figure.source) ?? [];
      if (!list.includes(row.figure)) list.push(row.figure);
      bySource.set(row.figure.source, list);
      if (row.group === FigureGroup.RECEIVER) grouped.set(row.figure.code, row.figure);
    }
  const cols = [...bySource].map(
    ([key, figures]) =>
      `(SELECT ARRAY[${figures.map((f) => `${aggregate(f, 'c')}, ${aggregate(f, 'p')}`).join(', ')}] FROM (${countRowsOf(key)}) x) AS "${key}"`,
  );
  const groupedFigures = [...grouped.values()];
  if (groupedFigures.length)
    cols.push(`(SELECT coalesce(json_agg(g ORDER BY g.label, g.key), '[]') FROM (
        SELECT rc.id AS key, rc.full_name || coalesce(', ' || po.name, '') AS label,
               ARRAY[${groupedFigures.map((f) => `${aggregate(f, 'c', true)}, ${aggregate(f, 'p', true)}`).join(', ')}] AS v
          FROM (${SOURCES.reception.rows}) x CROSS JOIN LATERAL unnest(x.receiver_cadre_ids) AS rid(id)
          JOIN cadre rc ON rc.id = rid.id LEFT JOIN post po ON po.id = rc.post_id
         GROUP BY rc.id, rc.full_name, po.name) g) AS "groups"`);
  return { sql: `WITH ${PARAMS_CTE} SELECT ${cols.join(',\n')}`, bySource: [...bySource], grouped: groupedFigures };
}

/** The statement of a template (built once per version). */
export function templateStatement(t: ReportTemplate): TemplateStatement {
  let s = STATEMENTS.get(t.id);
  if (!s) STATEMENTS.set(t.id, (s = buildStatement(t)));
  return s;
}
const STATEMENTS = new Map<string, TemplateStatement>();

/**
 * The tables of template `template` from the one row its statement returned (pure: the
 * benchmark's baseline calls it on the row it reads itself).
 */
export function reportTables(template: ReportTemplate, row: Record<string, unknown> | undefined): PeriodicTableView[] {
  const st = templateStatement(template);
  const values = new Map<string, [number, number]>();
  for (const [key, figures] of st.bySource) {
    const arr = (row?.[key] as number[] | undefined) ?? [];
    figures.forEach((f, i) => values.set(f.code, [arr[2 * i] ?? 0, arr[2 * i + 1] ?? 0]));
  }
  const groups = (row?.['groups'] as Array<{ key: string; label: string; v: number[] }> | undefined) ?? [];
  return template.tables.map((table) => ({
    key: table.key,
    title: table.title,
    rows: table.rows.flatMap((r): PeriodicRowView[] => {
      if (!r.figure)
        return [{ label: r.label, level: r.level, figure: null, groupKey: null, current: null, previous: null, change: null }];
      if (r.group === FigureGroup.RECEIVER) {
        const i = st.grouped.indexOf(r.figure);
        return groups
          .map((g) => ({ g, c: g.v[2 * i] ?? 0, p: g.v[2 * i + 1] ?? 0 }))
          .filter(({ c, p }) => c || p)
          .map(({ g, c, p }) => ({
            label: `${r.label} ${g.label}`,
            level: r.level,
            figure: r.figure!.code,
            groupKey: g.key,
            current: c,
            previous: p,
            change: changeOf(c, p),
          }));
      }
      const [c, p] = values.get(r.figure.code) ?? [0, 0];
      return [
        {
          label: r.label,
          level: r.level,
          figure: r.figure.code,
          groupKey: null,
          current: c,
          previous: p,
          change: changeOf(c, p),
        },
      ];
    }),
  }));
}

/**
 * Periodic reports (báo cáo định kỳ) from data-driven templates: the tables of a template for a
 * period that has ended, each figure beside the same period of last year, within a unit's
 * subtree. Figures count every record (recusal hides records, not counts); the records behind a
 * figure are listed by {@link records}, without the ones the caller is involved in.
 */
export class PeriodicReportsService {
  /**
   * @param today the Vietnamese day, YYYY-MM-DD: a period must have ended before it. Replaceable
   *   so tests can ask for a year that ends after the machine's clock.
   */
  constructor(
    readonly templates: readonly ReportTemplate[],
    public today: () => string = () => todayInVietnam(),
  ) {}

  /** The period and the template version in force on its last day; refuses a period that has not ended. */
  resolve(code: string, kind: PeriodKind, year: number, number: number | null | undefined) {
    const period = periodOf(kind, year, number);
    assertEnded(period, this.today());
    return { period, template: templateOn(this.templates, code, period.to) };
  }

  /**
   * The tables of template `code` for the period, within `unitId`'s subtree (default: all; a
   * UNIT_HEAD its own). One SQL statement whatever the template (plus the unit's lookup).
   */
  async periodicReport(
    ctx: RequestContext,
    code: string,
    kind: PeriodKind,
    year: number,
    number: number | null | undefined,
    unitId: string | null,
  ): Promise<PeriodicReportView> {
    const { period, template } = this.resolve(code, kind, year, number);
    return this.build(ctx, template, period, unitId);
  }

  /** The report of an already resolved template and period (the scheduled drafts use it with no account). */
  async build(ctx: RequestContext, template: ReportTemplate, period: Period, unitId: string | null): Promise<PeriodicReportView> {
    const scope = await scopeUnit(ctx, unitId);
    const previousPeriod = previousYearOf(period);
    const today = this.today();
    const st = templateStatement(template);
    const [row] = (await ctx.manager.query(st.sql, commonParams(period, previousPeriod, scope?.path ?? null, today))) as Array<
      Record<string, unknown>
    >;
    const tables = reportTables(template, row);
    return {
      template,
      period,
      previousPeriod,
      periodLabel: periodLabel(period),
      unitId: scope?.id ?? null,
      scopeName: scope?.name ?? null,
      preparedOn: today,
      tables,
    };
  }

  /**
   * The records one figure counts (in the period, or with `previous` in last year's), by id,
   * paged: the same SQL as the figure, less the records the caller is involved in (recusal: the
   * count stays a count; the list shows only what the caller may read). Committees only.
   */
  async records(
    ctx: RequestContext,
    args: {
      template: string;
      kind: PeriodKind;
      year: number;
      number: number | null | undefined;
      unitId: string | null;
      figure: string;
      previous: boolean;
      groupKey: string | null;
      first: number;
      after: string | null;
    },
  ): Promise<{ nodes: PeriodicRecordView[]; totalCount: number; hasNextPage: boolean; endCursor: string | null }> {
    if (!ctx.account || !(PERIODIC_RECORD_READERS as readonly Role[]).includes(ctx.account.role))
      throw forbidden('Chỉ Ban Thường vụ và Ủy ban Kiểm tra xem được danh sách hồ sơ của một chỉ số');
    const { period, template } = this.resolve(args.template, args.kind, args.year, args.number);
    const figure = FIGURE_BY_CODE.get(args.figure);
    if (!figure || !template.tables.some((t) => t.rows.some((r) => r.figure === figure)))
      throw badInput(
        `Mẫu báo cáo ${template.code} không có chỉ số "${args.figure}".`,
        [{ path: 'figure', message: 'chỉ số không có trong mẫu' }],
        'UNKNOWN_FIGURE',
      );
    const scope = await scopeUnit(ctx, args.unitId);
    const source = SOURCES[figure.source];
    const previous = previousYearOf(period);
    const me = viewerCadreOf(ctx);
    const group =
      figure.source === 'reception' ? `($8::uuid IS NULL OR $8::uuid = ANY(x.receiver_cadre_ids))` : `$8::uuid IS NULL`;
    const recusal = 'notInvolved' in source ? source.notInvolved('$9') : `($9::uuid IS NULL OR true)`;
    const rows = (await ctx.manager.query(
      `WITH ${PARAMS_CTE},
       d AS (SELECT DISTINCT ON (x.id) x.id, x.lbl FROM (${source.rows}) x
              WHERE x.${args.previous ? 'p' : 'c'} AND (${figure.where}) AND ${group} AND ${recusal} ORDER BY x.id)
       SELECT p.id, p.lbl, t.total
         FROM (SELECT count(*)::int AS total FROM d) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($10::uuid IS NULL OR d.id > $10::uuid) ORDER BY d.id LIMIT $11) p ON true`,
      [...commonParams(period, previous, scope?.path ?? null, this.today()), args.groupKey, me, args.after, args.first + 1],
    )) as Array<{ id: string | null; lbl: string; total: number }>;
    const totalCount = rows[0]?.total ?? 0;
    const found = rows.filter((r): r is { id: string; lbl: string; total: number } => r.id !== null);
    const page = found.slice(0, args.first);
    return {
      nodes: page.map((r) => ({ kind: source.kind, id: r.id, label: r.lbl })),
      totalCount,
      hasNextPage: found.length > args.first,
      endCursor: page.length ? page[page.length - 1]!.id : null,
    };
  }
}
