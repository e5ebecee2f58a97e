import { badInput } from '../../../common/errors';
import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import { Body } from '../../units/unit.enums';
import { scopeUnit } from '../quality.access';
import { TargetCode, TargetComparison, TargetRecordKind } from '../quality.enums';
import { round2 } from '../quality.loaders';
import { type QualityRuleSet, qualityRulesOn } from '../quality-rules';

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
/**
 * Fresh counters, all zero: an object literal, so every group has the same shape (a province's
 * targets fill about 10,000 of them per request; `Object.fromEntries` built each one as a
 * dictionary, a sixth of the request's CPU with the additions into it).
 */
const zero = (): Counters => ({
  n: 0,
  std: 0,
  rated: 0,
  wellPlus: 0,
  excellent: 0,
  mgr: 0,
  mgrYoung: 0,
  mgrFemale: 0,
  mgrPostgrad: 0,
  integ: 0,
  mgrGov: 0,
  reception: 0,
  training: 0,
  software: 0,
  procedures: 0,
  surveyed: 0,
  answers: 0,
  scoreSum: 0,
  satisfied: 0,
});
const COUNTER_KEYS = Object.keys(zero()) as ReadonlyArray<keyof Counters>;
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

// One collator for every comparison: localeCompare with a locale builds one per call, which was
// most of a province-wide request (about 5,000 units sorted for each of the seven targets).
const VI = new Intl.Collator('vi');

const pct = (num: number, den: number) => (den ? round2((100 * num) / den) : null);

function figure(code: TargetCode, c: Counters): TargetFigure & { parts: TargetPartView[] } {
  const part = (label: string, numerator: number, denominator: number): TargetPartView => ({
    label,
    value: pct(numerator, denominator),
    numerator,
    denominator,
  });
  switch (code) {
    case TargetCode.STANDARDS:
      return { value: pct(c.std, c.n), numerator: c.std, denominator: c.n, parts: [] };
    case TargetCode.RATING:
      return {
        value: pct(c.wellPlus, c.rated),
        numerator: c.wellPlus,
        denominator: c.rated,
        parts: [
          part('Hoàn thành tốt nhiệm vụ trở lên', c.wellPlus, c.rated),
          part('Trong đó hoàn thành xuất sắc (mục tiêu 20%)', c.excellent, c.rated),
        ],
      };
    case TargetCode.SUCCESSION:
      // The mean of the three shares (same denominator): the value rises when any share rises.
      return {
        value: pct(c.mgrYoung + c.mgrFemale + c.mgrPostgrad, 3 * c.mgr),
        numerator: c.mgrYoung + c.mgrFemale + c.mgrPostgrad,
        denominator: 3 * c.mgr,
        parts: [
          part('Cán bộ trẻ trong lãnh đạo, quản lý', c.mgrYoung, c.mgr),
          part('Cán bộ nữ trong lãnh đạo, quản lý', c.mgrFemale, c.mgr),
          part('Trình độ sau đại học trong lãnh đạo, quản lý', c.mgrPostgrad, c.mgr),
        ],
      };
    case TargetCode.INTEGRITY:
      return { value: pct(c.integ, c.n), numerator: c.integ, denominator: c.n, parts: [] };
    case TargetCode.TRAINING:
      return {
        value: pct(c.training, c.n),
        numerator: c.training,
        denominator: c.n,
        parts: [
          part('Lãnh đạo, quản lý đã bồi dưỡng quản trị hiện đại và quản trị số (từ 2025)', c.mgrGov, c.mgr),
          part('Bồi dưỡng tiếp dân, xử lý tình huống trong năm', c.reception, c.n),
        ],
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
 * The arguments of the SQL functions `cadre_facts`, `cadre_fact_rules_key` and
 * `cadre_fact_tally_refresh` (migration CadreFactTally) after the years and the scope: the
 * "young" age limit, then the default standards of leaders and staff. Casts for positional
 * parameters starting at `at`.
 */
const RULE_ARGS = (at: number) =>
  `$${at}::int, $${at + 1}::qualification, $${at + 2}::political_theory, $${at + 3}::text[]::training_category[], ` +
  `$${at + 4}::qualification, $${at + 5}::political_theory, $${at + 6}::text[]::training_category[]`;

/**
 * Per cadre and year, the facts every cadre-based target counts: $1 first year, $2 last year,
 * $3 scope path (null: all), then the rule arguments. The same function fills
 * `cadre_fact_tally`, so a figure and the records listed for it cannot disagree.
 */
const CADRE_FACTS = `cadre_facts($1::int, $2::int, $3::text, NULL::uuid[], ${RULE_ARGS(4)})`;

/**
 * The read of `targets`, one statement: the trigger-kept cadre counters of the units in scope
 * with cadres, by year, beside the satisfaction tally; `covered`, whether the rule set is counted
 * for these years at all (not yet: a new year or rule set), and `stale`, the units in scope whose
 * counters a write has marked. Parameters: $1 first year, $2 last year, $3 scope path (null: all),
 * then the rule arguments.
 */
export const TARGETS_READ_SQL = `
  WITH k AS (SELECT cadre_fact_rules_key(${RULE_ARGS(4)}) AS key),
  s AS (SELECT id, name, body FROM unit WHERE $3::text IS NULL OR path LIKE $3::text || '%'),
  st AS (SELECT EXISTS (SELECT 1 FROM cadre_fact_coverage c WHERE c.rules_key = (SELECT key FROM k) AND c.from_year <= $1 AND c.through_year >= $2) AS covered,
                ARRAY(SELECT DISTINCT d.unit_id FROM cadre_fact_dirty d JOIN s ON s.id = d.unit_id
                      WHERE d.rules_key IS NULL OR d.rules_key = (SELECT key FROM k)) AS stale)
  SELECT st.covered, st.stale, r.* FROM st LEFT JOIN LATERAL (
    SELECT coalesce(t.year, q.year) AS y, s.id AS unit_id, s.name AS unit_name, s.body, t.n, t.std, t.rated, t.well_plus AS "wellPlus", t.excellent, t.mgr,
           t.mgr_young AS "mgrYoung", t.mgr_female AS "mgrFemale", t.mgr_postgrad AS "mgrPostgrad", t.integ, t.mgr_gov AS "mgrGov",
           t.reception, t.training, t.software, q.procedures::float AS procedures, q.surveyed::float AS surveyed,
           q.answers::float AS answers, q.score_sum::float AS "scoreSum", q.satisfied::float AS satisfied
    FROM (SELECT * FROM cadre_fact_tally WHERE rules_key = (SELECT key FROM k) AND year BETWEEN $1 AND $2 AND unit_id IN (SELECT id FROM s)) t
    FULL JOIN (SELECT * FROM satisfaction_tally WHERE year BETWEEN $1 AND $2 AND unit_id IN (SELECT id FROM s)) q ON q.unit_id = t.unit_id AND q.year = t.year
    JOIN s ON s.id = coalesce(t.unit_id, q.unit_id)) r ON true`;

/** Recounts the marked counters of the given units, or everything when the years are not covered yet ($1 unit ids, $2 first year, $3 last year, then the rule arguments). */
export const TARGETS_REFRESH_SQL = `SELECT cadre_fact_tally_refresh($1::uuid[], $2::int, $3::int, ${RULE_ARGS(4)}) AS recounted`;

/** A row of TARGETS_READ_SQL: coverage, the stale units, and the counters of one year and unit (null when the scope has none). */
export type TargetReadRow = Partial<TargetSourceRow> & { covered: boolean; stale: string[] };

/** The rows of TARGETS_READ_SQL that carry counters. */
export const sourceRowsOf = (rows: readonly TargetReadRow[]): TargetSourceRow[] =>
  rows.filter((r): r is TargetReadRow & TargetSourceRow => r.y != null);

/** For each cadre-based target: which facts rows form the denominator, which count, and the flags a record shows. */
const RECORD_RULES: Record<
  Exclude<TargetCode, TargetCode.SATISFACTION>,
  { denominator: string; counted: string; flags: string }
> = {
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
export function buildTargetViews(
  year: number,
  cadreRows: readonly TargetSourceRow[],
  tallyRows: readonly TargetSourceRow[],
  unitsFirst: number,
): TargetView[] {
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
  // The units in Vietnamese name order, once: collation is the costly part of ordering a
  // province's units, and each target's ordering only breaks ties of value with it.
  const labelRank = new Map(
    [...byUnitYear.entries()]
      .sort(([ak, a], [bk, b]) => VI.compare(a.label, b.label) || ak.localeCompare(bk))
      .map(([key], i) => [key, i]),
  );
  return TARGETS.map((spec): TargetView => {
    const targetFor = (series: Map<number, Counters>) =>
      spec.level ?? (series.get(BASELINE_YEAR) ? figure(spec.code, series.get(BASELINE_YEAR)!).value : null);
    const current = figure(spec.code, byYear.get(year) ?? zero());
    const target = targetFor(byYear);
    const breakdown = (key: string, label: string, body: Body | null, series: Map<number, Counters>): BreakdownRow => {
      const f = figure(spec.code, series.get(year) ?? zero());
      const t = targetFor(series);
      return {
        key,
        label,
        body,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        target: t,
        met: metOf(spec, f.value, t),
      };
    };
    const units = [...byUnitYear.entries()]
      .map(([id, u]) => breakdown(id, u.label, u.body, u.c))
      .filter((r) => r.denominator > 0)
      .sort((a, b) => (a.value ?? -1) - (b.value ?? -1) || labelRank.get(a.key)! - labelRank.get(b.key)!);
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

  /** The rule arguments of the SQL functions for a request about `year` (the rule set in force on its 31 December). */
  private ruleArgs(year: number): unknown[] {
    const r = qualityRulesOn(this.rules, `${year}-12-31`);
    const { management: m, staff: s } = r.defaultStandards;
    return [
      r.youngUnderAge.years,
      m.minQualification,
      m.minPoliticalTheory,
      m.requiredTraining,
      s.minQualification,
      s.minPoliticalTheory,
      s.requiredTraining,
    ];
  }

  private checkYear(year: number): void {
    const thisYear = Number(todayInVietnam().slice(0, 4));
    if (year < BASELINE_YEAR || year > thisYear)
      throw badInput(`The targets are measured for ${BASELINE_YEAR} to ${thisYear}`, [
        { path: 'year', message: `must be from ${BASELINE_YEAR} to ${thisYear}` },
      ]);
  }

  /**
   * One entry per target for `year`, within the scope (a unit's subtree; a UNIT_HEAD's own by
   * default): value, target, met, parts, trend since 2025, by body and by unit (worst first, at most
   * `unitsFirst`). One SQL statement whatever the scope, reading the trigger-kept counters
   * (`cadre_fact_tally`, `satisfaction_tally`); two more once after a write to the cadre records
   * (the recount of the units it touched, and the read again). `DELETE FROM cadre_fact_coverage`
   * forces a full recount on the next request.
   */
  async targets(ctx: RequestContext, year: number, unitId: string | null, unitsFirst: number): Promise<TargetView[]> {
    this.checkYear(year);
    const scope = await scopeUnit(ctx, unitId);
    const path = scope?.path ?? null;
    const rules = this.ruleArgs(year);
    const read = () => ctx.manager.query(TARGETS_READ_SQL, [BASELINE_YEAR, year, path, ...rules]) as Promise<TargetReadRow[]>;
    let rows = await read();
    const stale = rows[0]?.stale ?? [];
    if (!rows[0]?.covered || stale.length) {
      // Recount what the triggers marked (or everything, for a year or rule set never counted),
      // then read again. A write committed after the recount may leave a mark behind: the next
      // request recounts it.
      await ctx.manager.query(TARGETS_REFRESH_SQL, [stale, BASELINE_YEAR, year, ...rules]);
      rows = await read();
    }
    return buildTargetViews(year, sourceRowsOf(rows), [], unitsFirst);
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
      const params = [year, year, path, ...this.ruleArgs(year)];
      rows = (await ctx.manager.query(
        `WITH f AS (SELECT * FROM ${CADRE_FACTS}), d AS (SELECT id, full_name AS label, unit_id, (${rule.counted}) AS counted, ${rule.flags} AS flags FROM f WHERE ${rule.denominator})
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
