import { badInput } from '../../common/errors';
import { todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { Body } from '../units/unit.enums';
import { EMPLOYED_IN_SQL, scopeUnit } from './quality.access';
import { TargetCode, TargetComparison, TargetRecordKind } from './quality.enums';
import { round2 } from './quality.loaders';
import { type QualityRuleSet, qualityRulesOn } from './quality-rules';

/** The first year of the term: trends start here, and it is the baseline of targets without a numeric level. */
export const BASELINE_YEAR = 2025;

interface TargetSpec {
  code: TargetCode;
  number: number;
  text: string;
  comparison: TargetComparison;
  /** Numeric level; null: the 2025 baseline. */
  level: number | null;
}

/** The seven targets of the resolution, section II.3, in its words. */
export const TARGETS: readonly TargetSpec[] = [
  {
    code: TargetCode.STANDARDS,
    number: 1,
    text: '100% cán bộ, công chức, viên chức đạt chuẩn về trình độ chuyên môn, lý luận chính trị và kỹ năng công vụ theo vị trí việc làm.',
    comparison: TargetComparison.AT_LEAST,
    level: 100,
  },
  {
    code: TargetCode.RATING,
    number: 2,
    text: 'Hằng năm có ít nhất 95% cán bộ được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó 20% hoàn thành xuất sắc nhiệm vụ.',
    comparison: TargetComparison.AT_LEAST,
    level: 95,
  },
  {
    code: TargetCode.SUCCESSION,
    number: 3,
    text: 'Tỷ lệ cán bộ trẻ, cán bộ nữ, cán bộ có trình độ sau đại học trong đội ngũ lãnh đạo, quản lý ngày càng tăng, bảo đảm cân đối về độ tuổi, giới tính, trình độ.',
    comparison: TargetComparison.NOT_BELOW_BASELINE,
    level: null,
  },
  {
    code: TargetCode.INTEGRITY,
    number: 4,
    text: 'Cán bộ đạt chuẩn "3 không": không tham nhũng, không xa dân, không trì trệ; và "3 có": có trách nhiệm, có trí tuệ, có uy tín.',
    comparison: TargetComparison.NOT_BELOW_BASELINE,
    level: null,
  },
  {
    code: TargetCode.TRAINING,
    number: 5,
    text: '100% cán bộ lãnh đạo, quản lý được bồi dưỡng kỹ năng lãnh đạo, quản trị hiện đại, quản trị số; 100% cán bộ, công chức được bồi dưỡng hằng năm về kỹ năng tiếp dân, xử lý tình huống thực tiễn.',
    comparison: TargetComparison.AT_LEAST,
    level: 100,
  },
  {
    code: TargetCode.SOFTWARE,
    number: 6,
    text: '100% cán bộ, công chức phường sử dụng thành thạo phần mềm hành chính và Cổng dịch vụ công trực tuyến.',
    comparison: TargetComparison.AT_LEAST,
    level: 100,
  },
  {
    code: TargetCode.SATISFACTION,
    number: 7,
    text: 'Hằng năm trên 90% người dân thực hiện thủ tục hành chính được khảo sát mức độ hài lòng; sự hài lòng của Nhân dân là thước đo chính trong đánh giá, xếp loại cán bộ.',
    comparison: TargetComparison.ABOVE,
    level: 90,
  },
];

/** Counters of one group (a year, and optionally a body or unit); all targets are ratios of them. */
interface Counters {
  n: number;
  std: number;
  rated: number;
  wellPlus: number;
  excellent: number;
  mgr: number;
  mgrYoung: number;
  mgrFemale: number;
  mgrPostgrad: number;
  integ: number;
  mgrGov: number;
  reception: number;
  training: number;
  software: number;
  procedures: number;
  surveyed: number;
  answers: number;
  scoreSum: number;
  satisfied: number;
}
const COUNTER_KEYS = [
  'n', 'std', 'rated', 'wellPlus', 'excellent', 'mgr', 'mgrYoung', 'mgrFemale', 'mgrPostgrad', 'integ', 'mgrGov', 'reception', 'training', 'software',
  'procedures', 'surveyed', 'answers', 'scoreSum', 'satisfied',
] as const satisfies ReadonlyArray<keyof Counters>;
const zero = (): Counters => Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as unknown as Counters;
const add = (into: Counters, from: Partial<Counters>) => {
  for (const k of COUNTER_KEYS) into[k] += Number(from[k] ?? 0);
};

export interface TargetPartView {
  label: string;
  value: number | null;
  numerator: number;
  denominator: number;
}
export interface TargetFigure {
  value: number | null;
  numerator: number;
  denominator: number;
}
export interface TrendPoint extends TargetFigure {
  year: number;
  met: boolean | null;
}
export interface BreakdownRow extends TargetFigure {
  key: string;
  label: string;
  body: Body | null;
  target: number | null;
  met: boolean | null;
}
export interface TargetView extends TargetFigure {
  code: TargetCode;
  number: number;
  text: string;
  year: number;
  comparison: TargetComparison;
  target: number | null;
  baselineYear: number;
  met: boolean | null;
  parts: TargetPartView[];
  trend: TrendPoint[];
  byBody: BreakdownRow[];
  byUnit: BreakdownRow[];
  unitCount: number;
}

const BODY_VI: Record<string, string> = {
  PARTY_OFFICE: 'Cơ quan Đảng ủy',
  FATHERLAND_FRONT: 'Cơ quan Mặt trận Tổ quốc',
  GOVERNMENT: 'Cơ quan chính quyền',
  NONE: 'Đảng ủy phường',
};

const pct = (num: number, den: number) => (den ? round2((100 * num) / den) : null);

function figure(code: TargetCode, c: Counters): TargetFigure & { parts: TargetPartView[] } {
  const part = (label: string, numerator: number, denominator: number): TargetPartView => ({ label, value: pct(numerator, denominator), numerator, denominator });
  switch (code) {
    case TargetCode.STANDARDS:
      return { value: pct(c.std, c.n), numerator: c.std, denominator: c.n, parts: [] };
    case TargetCode.RATING:
      return {
        value: pct(c.wellPlus, c.rated),
        numerator: c.wellPlus,
        denominator: c.rated,
        parts: [part('Hoàn thành tốt nhiệm vụ trở lên', c.wellPlus, c.rated), part('Trong đó hoàn thành xuất sắc (mục tiêu 20%)', c.excellent, c.rated)],
      };
    case TargetCode.SUCCESSION:
      // The mean of the three shares (same denominator): the value rises when any share rises.
      return {
        value: pct(c.mgrYoung + c.mgrFemale + c.mgrPostgrad, 3 * c.mgr),
        numerator: c.mgrYoung + c.mgrFemale + c.mgrPostgrad,
        denominator: 3 * c.mgr,
        parts: [part('Cán bộ trẻ trong lãnh đạo, quản lý', c.mgrYoung, c.mgr), part('Cán bộ nữ trong lãnh đạo, quản lý', c.mgrFemale, c.mgr), part('Trình độ sau đại học trong lãnh đạo, quản lý', c.mgrPostgrad, c.mgr)],
      };
    case TargetCode.INTEGRITY:
      return { value: pct(c.integ, c.n), numerator: c.integ, denominator: c.n, parts: [] };
    case TargetCode.TRAINING:
      return {
        value: pct(c.training, c.n),
        numerator: c.training,
        denominator: c.n,
        parts: [part('Lãnh đạo, quản lý đã bồi dưỡng quản trị hiện đại và quản trị số (từ 2025)', c.mgrGov, c.mgr), part('Bồi dưỡng tiếp dân, xử lý tình huống trong năm', c.reception, c.n)],
      };
    case TargetCode.SOFTWARE:
      return { value: pct(c.software, c.n), numerator: c.software, denominator: c.n, parts: [] };
    case TargetCode.SATISFACTION:
      return {
        value: pct(c.surveyed, c.procedures),
        numerator: c.surveyed,
        denominator: c.procedures,
        parts: [
          part('Thủ tục đã giải quyết được khảo sát', c.surveyed, c.procedures),
          part('Người được khảo sát hài lòng (mức 4-5)', c.satisfied, c.answers),
        ],
      };
  }
}

function metOf(spec: TargetSpec, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return spec.comparison === TargetComparison.ABOVE ? value > target : value >= target;
}

/**
 * Per cadre and year in scope, the facts every cadre-based target counts. Parameters: $1 first
 * year, $2 last year, $3 scope path (null: all), $4 "young" age limit, $5..$10 the default
 * standards of leaders and staff. Shared by `targets` and `targetRecords`, so a figure and the
 * records listed for it cannot disagree.
 */
const CADRE_FACTS = (scoped: boolean) => `
  yrs AS (SELECT generate_series($1::int, $2::int) AS y),
  sc AS (
    SELECT c.id, c.full_name, c.unit_id, u.name AS unit_name, u.body, p.is_management AS mgr, c.date_of_birth, c.employed_from, c.employment_ended_on,
           c.gender = 'FEMALE' AS female, c.qualification >= 'MASTER' AS postgrad,
           c.qualification >= coalesce(ps.min_qualification, CASE WHEN p.is_management THEN $5::qualification ELSE $8::qualification END)
             AND c.political_theory >= coalesce(ps.min_political_theory, CASE WHEN p.is_management THEN $6::political_theory ELSE $9::political_theory END) AS levels_ok,
           coalesce(ps.required_training, CASE WHEN p.is_management THEN $7::text[]::training_category[] ELSE $10::text[]::training_category[] END) AS req
    FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
    LEFT JOIN post_standard ps ON ps.post_id = c.post_id
    -- A scope as an id array: the planner then probes cadre_unit_id_idx for a ward instead of scanning every cadre.
    WHERE ${scoped ? `c.unit_id = ANY(ARRAY(SELECT id FROM unit WHERE path LIKE $3::text || '%'))` : '$3::text IS NULL'}),
  -- Joined to sc (not IN): the planner then knows the scope's size and picks index probes for a ward, a hash join for a province.
  -- Per cadre, once: the first year each category was passed (the term's courses count from ${BASELINE_YEAR}), and the years of citizen-reception training.
  att AS (
    SELECT a.cadre_id,
             min(a.year) FILTER (WHERE a.category = 'POLITICAL_THEORY') AS first_political_theory,
             min(a.year) FILTER (WHERE a.category = 'LEADERSHIP_GOVERNANCE') AS first_leadership_governance,
             min(a.year) FILTER (WHERE a.category = 'DIGITAL_ADMINISTRATION') AS first_digital_administration,
             min(a.year) FILTER (WHERE a.category = 'CITIZEN_RECEPTION') AS first_citizen_reception,
             min(a.year) FILTER (WHERE a.category = 'ADMIN_SOFTWARE') AS first_admin_software,
             min(a.year) FILTER (WHERE a.category = 'PROFESSIONAL') AS first_professional,
             min(a.year) FILTER (WHERE a.category = 'LEADERSHIP_GOVERNANCE' AND a.year >= ${BASELINE_YEAR}) AS gov,
             min(a.year) FILTER (WHERE a.category = 'DIGITAL_ADMINISTRATION' AND a.year >= ${BASELINE_YEAR}) AS dig,
             min(a.year) FILTER (WHERE a.category = 'ADMIN_SOFTWARE' AND a.year >= ${BASELINE_YEAR}) AS sw,
             array_agg(a.year) FILTER (WHERE a.category = 'CITIZEN_RECEPTION') AS rec
    FROM training_attendance a JOIN sc ON sc.id = a.cadre_id WHERE a.result = 'PASSED' GROUP BY a.cadre_id),
  disc AS (
    SELECT d.cadre_id, array_agg(extract(year FROM d.decision_date)::int) AS years
    FROM discipline_case d JOIN sc ON sc.id = d.cadre_id WHERE d.status = 'FINAL' GROUP BY d.cadre_id),
  f AS (
    SELECT y.y, c.id, c.full_name, c.unit_id, c.unit_name, c.body, c.mgr, c.female, c.postgrad, e.rating,
      date_part('year', age(make_date(y.y, 12, 31), c.date_of_birth)) < $4 AS young,
      c.levels_ok AND NOT EXISTS (SELECT 1 FROM unnest(c.req) r(cat) WHERE coalesce(CASE r.cat WHEN 'POLITICAL_THEORY' THEN t.first_political_theory WHEN 'LEADERSHIP_GOVERNANCE' THEN t.first_leadership_governance WHEN 'DIGITAL_ADMINISTRATION' THEN t.first_digital_administration WHEN 'CITIZEN_RECEPTION' THEN t.first_citizen_reception WHEN 'ADMIN_SOFTWARE' THEN t.first_admin_software WHEN 'PROFESSIONAL' THEN t.first_professional END, 10000) > y.y) AS meets_standard,
      NOT (y.y = ANY(coalesce(dc.years, '{}'))) AND ae.rating IS DISTINCT FROM 'POOR' AND e.rating IS DISTINCT FROM 'NOT_COMPLETED' AS integrity,
      coalesce(t.gov <= y.y AND t.dig <= y.y, false) AS governance_ok,
      coalesce(y.y = ANY(t.rec), false) AS reception_ok,
      coalesce(t.sw <= y.y, false) AS software_ok
    FROM yrs y CROSS JOIN sc c
    LEFT JOIN att t ON t.cadre_id = c.id
    LEFT JOIN disc dc ON dc.cadre_id = c.id
    LEFT JOIN evaluation e ON e.cadre_id = c.id AND e.year = y.y
    LEFT JOIN attitude_evaluation ae ON ae.cadre_id = c.id AND ae.year = y.y
    WHERE ${EMPLOYED_IN_SQL('y.y')})`;

/** For each cadre-based target: which facts rows form the denominator, which count, and the flags a record shows. */
const RECORD_RULES: Record<Exclude<TargetCode, TargetCode.SATISFACTION>, { denominator: string; counted: string; flags: string }> = {
  STANDARDS: { denominator: 'true', counted: 'meets_standard', flags: `ARRAY[]::text[]` },
  RATING: { denominator: 'rating IS NOT NULL', counted: `rating IN ('EXCELLENT', 'WELL')`, flags: `ARRAY[rating::text]` },
  SUCCESSION: {
    denominator: 'mgr',
    counted: 'young OR female OR postgrad',
    flags: `array_remove(ARRAY[CASE WHEN young THEN 'YOUNG' END, CASE WHEN female THEN 'FEMALE' END, CASE WHEN postgrad THEN 'POSTGRADUATE' END], NULL)`,
  },
  INTEGRITY: { denominator: 'true', counted: 'integrity', flags: `ARRAY[]::text[]` },
  TRAINING: {
    denominator: 'true',
    counted: 'reception_ok AND (NOT mgr OR governance_ok)',
    flags: `array_remove(ARRAY[CASE WHEN reception_ok THEN 'CITIZEN_RECEPTION' END, CASE WHEN mgr AND governance_ok THEN 'GOVERNANCE_AND_DIGITAL' END, CASE WHEN mgr THEN 'MANAGER' END], NULL)`,
  },
  SOFTWARE: { denominator: 'true', counted: 'software_ok', flags: `ARRAY[]::text[]` },
};

export interface TargetRecordView {
  kind: TargetRecordKind;
  id: string;
  label: string;
  unitId: string;
  counted: boolean;
  flags: string[];
}

/** A row of either statement of `targets`: counters of one year and unit. */
export type TargetSourceRow = Partial<Counters> & { y: number; unit_id: string; unit_name: string; body: Body | null };

/**
 * The seven entries from the per-year, per-unit counters of the two statements (pure: the
 * benchmark's baseline calls it on the rows it reads itself).
 */
export function buildTargetViews(year: number, cadreRows: readonly TargetSourceRow[], tallyRows: readonly TargetSourceRow[], unitsFirst: number): TargetView[] {
  const byYear = new Map<number, Counters>();
  const byBodyYear = new Map<string, { label: string; body: Body | null; c: Map<number, Counters> }>();
  const byUnitYear = new Map<string, { label: string; body: Body | null; c: Map<number, Counters> }>();
  const bucket = (map: Map<number, Counters>, y: number) => {
    let c = map.get(y);
    if (!c) map.set(y, (c = zero()));
    return c;
  };
  for (const row of [...cadreRows, ...tallyRows]) {
    add(bucket(byYear, row.y), row);
    const bodyKey = row.body ?? 'NONE';
    let b = byBodyYear.get(bodyKey);
    if (!b) byBodyYear.set(bodyKey, (b = { label: BODY_VI[bodyKey] ?? bodyKey, body: row.body, c: new Map() }));
    add(bucket(b.c, row.y), row);
    let u = byUnitYear.get(row.unit_id);
    if (!u) byUnitYear.set(row.unit_id, (u = { label: row.unit_name, body: row.body, c: new Map() }));
    add(bucket(u.c, row.y), row);
  }
  const years = Array.from({ length: year - BASELINE_YEAR + 1 }, (_, i) => BASELINE_YEAR + i);
  return TARGETS.map((spec): TargetView => {
    const targetFor = (series: Map<number, Counters>) =>
      spec.level ?? (series.get(BASELINE_YEAR) ? figure(spec.code, series.get(BASELINE_YEAR)!).value : null);
    const current = figure(spec.code, byYear.get(year) ?? zero());
    const target = targetFor(byYear);
    const breakdown = (key: string, label: string, body: Body | null, series: Map<number, Counters>): BreakdownRow => {
      const f = figure(spec.code, series.get(year) ?? zero());
      const t = targetFor(series);
      return { key, label, body, value: f.value, numerator: f.numerator, denominator: f.denominator, target: t, met: metOf(spec, f.value, t) };
    };
    const units = [...byUnitYear.entries()]
      .map(([id, u]) => breakdown(id, u.label, u.body, u.c))
      .filter((r) => r.denominator > 0)
      .sort((a, b) => (a.value ?? -1) - (b.value ?? -1) || a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
    return {
      code: spec.code,
      number: spec.number,
      text: spec.text,
      year,
      comparison: spec.comparison,
      target,
      baselineYear: BASELINE_YEAR,
      value: current.value,
      numerator: current.numerator,
      denominator: current.denominator,
      met: metOf(spec, current.value, target),
      parts: current.parts,
      trend: years.map((y) => {
        const f = figure(spec.code, byYear.get(y) ?? zero());
        return { year: y, value: f.value, numerator: f.numerator, denominator: f.denominator, met: metOf(spec, f.value, target) };
      }),
      byBody: [...byBodyYear.entries()]
        .map(([k, b]) => breakdown(k, b.label, b.body, b.c))
        .filter((r) => r.denominator > 0)
        .sort((a, b) => a.key.localeCompare(b.key)),
      byUnit: units.slice(0, unitsFirst),
      unitCount: units.length,
    };
  });
}

/** The seven indicators of the resolution and the records behind each figure. */
export class TargetsService {
  constructor(private readonly rules: readonly QualityRuleSet[]) {}

  private params(from: number, to: number, path: string | null): unknown[] {
    const r = qualityRulesOn(this.rules, `${to}-12-31`);
    const { management: m, staff: s } = r.defaultStandards;
    return [from, to, path, r.youngUnderAge.years, m.minQualification, m.minPoliticalTheory, m.requiredTraining, s.minQualification, s.minPoliticalTheory, s.requiredTraining];
  }

  private checkYear(year: number): void {
    const thisYear = Number(todayInVietnam().slice(0, 4));
    if (year < BASELINE_YEAR || year > thisYear)
      throw badInput(`The targets are measured for ${BASELINE_YEAR} to ${thisYear}`, [{ path: 'year', message: `must be from ${BASELINE_YEAR} to ${thisYear}` }]);
  }

  /**
   * One entry per target for `year`, within the scope (a unit's subtree; a UNIT_HEAD's own by
   * default): value, target, met, parts, trend since 2025, by body and by unit (worst first, at most
   * `unitsFirst`). Two SQL statements whatever the scope.
   */
  async targets(ctx: RequestContext, year: number, unitId: string | null, unitsFirst: number): Promise<TargetView[]> {
    this.checkYear(year);
    const scope = await scopeUnit(ctx, unitId);
    const path = scope?.path ?? null;
    const [cadreRows, tallyRows] = await Promise.all([
      ctx.manager.query(
        `WITH ${CADRE_FACTS(path !== null)}
         SELECT y, unit_id, unit_name, body,
           count(*)::int AS n, count(*) FILTER (WHERE meets_standard)::int AS std,
           count(rating)::int AS rated, count(*) FILTER (WHERE rating IN ('EXCELLENT', 'WELL'))::int AS "wellPlus",
           count(*) FILTER (WHERE rating = 'EXCELLENT')::int AS excellent,
           count(*) FILTER (WHERE mgr)::int AS mgr, count(*) FILTER (WHERE mgr AND young)::int AS "mgrYoung",
           count(*) FILTER (WHERE mgr AND female)::int AS "mgrFemale", count(*) FILTER (WHERE mgr AND postgrad)::int AS "mgrPostgrad",
           count(*) FILTER (WHERE integrity)::int AS integ, count(*) FILTER (WHERE mgr AND governance_ok)::int AS "mgrGov",
           count(*) FILTER (WHERE reception_ok)::int AS reception,
           count(*) FILTER (WHERE reception_ok AND (NOT mgr OR governance_ok))::int AS training,
           count(*) FILTER (WHERE software_ok)::int AS software
         FROM f GROUP BY y, unit_id, unit_name, body`,
        this.params(BASELINE_YEAR, year, path),
      ) as Promise<TargetSourceRow[]>,
      ctx.manager.query(
        `SELECT t.year AS y, t.unit_id, u.name AS unit_name, u.body, t.procedures::float AS procedures, t.surveyed::float AS surveyed,
                t.answers::float AS answers, t.score_sum::float AS "scoreSum", t.satisfied::float AS satisfied
         FROM satisfaction_tally t JOIN unit u ON u.id = t.unit_id
         WHERE t.year BETWEEN $1 AND $2 AND ($3::text IS NULL OR u.path LIKE $3 || '%')`,
        [BASELINE_YEAR, year, path],
      ) as Promise<TargetSourceRow[]>,
    ]);
    return buildTargetViews(year, cadreRows, tallyRows, unitsFirst);
  }

  /**
   * The records one figure counts: the denominator of `target` in `year` within the scope
   * (`counted` true: the numerator only; false: the rest), by id, paged.
   */
  async records(
    ctx: RequestContext,
    target: TargetCode,
    year: number,
    unitId: string | null,
    counted: boolean | null,
    first: number,
    after: string | null,
  ): Promise<{ nodes: TargetRecordView[]; totalCount: number; hasNextPage: boolean; endCursor: string | null }> {
    this.checkYear(year);
    const scope = await scopeUnit(ctx, unitId);
    const path = scope?.path ?? null;
    let rows: Array<{ id: string; label: string; unit_id: string; counted: boolean; flags: string[]; total: number }>;
    if (target === TargetCode.SATISFACTION) {
      rows = (await ctx.manager.query(
        `WITH d AS (
           SELECT pc.id, pc.receipt_number || ' — ' || pc.procedure_name AS label, pc.unit_id,
                  EXISTS (SELECT 1 FROM satisfaction_result r WHERE r.procedure_case_id = pc.id) AS counted
           FROM procedure_case pc JOIN unit u ON u.id = pc.unit_id
           WHERE pc.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%'))
         SELECT p.id, p.label, p.unit_id, p.counted, ARRAY[]::text[] AS flags, t.total
         FROM (SELECT count(*)::int AS total FROM d WHERE $3::boolean IS NULL OR counted = $3) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($3::boolean IS NULL OR counted = $3) AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT $5) p ON true`,
        [year, path, counted, after, first + 1],
      )) as typeof rows;
    } else {
      const rule = RECORD_RULES[target];
      const params = this.params(year, year, path);
      rows = (await ctx.manager.query(
        `WITH ${CADRE_FACTS(path !== null)}, d AS (SELECT id, full_name AS label, unit_id, (${rule.counted}) AS counted, ${rule.flags} AS flags FROM f WHERE ${rule.denominator})
         SELECT p.id, p.label, p.unit_id, p.counted, p.flags, t.total
         FROM (SELECT count(*)::int AS total FROM d WHERE $11::boolean IS NULL OR counted = $11) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($11::boolean IS NULL OR counted = $11) AND ($12::uuid IS NULL OR id > $12) ORDER BY id LIMIT $13) p ON true`,
        [...params, counted, after, first + 1],
      )) as typeof rows;
    }
    const totalCount = rows[0]?.total ?? 0;
    rows = rows.filter((r) => r.id !== null);
    const page = rows.slice(0, first);
    const kind = target === TargetCode.SATISFACTION ? TargetRecordKind.PROCEDURE : TargetRecordKind.CADRE;
    return {
      nodes: page.map((r) => ({ kind, id: r.id, label: r.label, unitId: r.unit_id, counted: r.counted, flags: r.flags })),
      totalCount,
      hasNextPage: rows.length > first,
      endCursor: page.length ? page[page.length - 1]!.id : null,
    };
  }
}
