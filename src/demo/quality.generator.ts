import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../common/validation';
import { TrainingCategory } from '../modules/quality/quality.enums';
import { BASELINE_YEAR } from '../modules/quality/targets/targets.service';

export interface QualityGenSummary {
  outcome: 'generated' | 'already-filled';
  courses: number;
  attendance: number;
  evaluations: number;
  procedures: number;
  answers: number;
  ms: number;
}

/** Deterministic "random" in [0, 1) from a row's id and a salt (set-based SQL has no seeded generator). */
const rand = (idExpr: string, salt: string) => `((hashtext(${idExpr}::text || '${salt}') & 2147483647) / 2147483648.0)`;

/** Shares passed per category and year (first year, later years), and who attends. */
const TRAINING: ReadonlyArray<{ category: TrainingCategory; who: 'all' | 'mgr'; share: [number, number]; yearly: boolean }> = [
  { category: TrainingCategory.CITIZEN_RECEPTION, who: 'all', share: [0.8, 0.9], yearly: true },
  { category: TrainingCategory.LEADERSHIP_GOVERNANCE, who: 'mgr', share: [0.5, 0.8], yearly: false },
  { category: TrainingCategory.DIGITAL_ADMINISTRATION, who: 'mgr', share: [0.45, 0.85], yearly: false },
  { category: TrainingCategory.ADMIN_SOFTWARE, who: 'all', share: [0.65, 0.95], yearly: false },
  { category: TrainingCategory.POLITICAL_THEORY, who: 'all', share: [0.15, 0.15], yearly: true },
  { category: TrainingCategory.PROFESSIONAL, who: 'all', share: [0.2, 0.2], yearly: true },
];

/**
 * Bulk quality data over the generated register (units with codes GEN…), in set-based SQL:
 * courses and attendance, evaluations of every generated cadre for each year since 2025, and
 * `answers` satisfaction answers over about `answers / 0.9` completed procedures handled by the
 * generated government staff (coverage 88% in 2025, 93% later). The tally triggers count the
 * procedures and answers statement by statement. Generated ratings are drawn per cadre and not
 * checked against the quota of their unit. Does nothing when generated procedures exist.
 */
export async function generateQualityWork(
  manager: EntityManager,
  answers: number,
  onPhase: (what: string) => void = () => undefined,
): Promise<QualityGenSummary> {
  const started = Date.now();
  const [{ n: existing }] = (await manager.query(
    `SELECT count(*)::int AS n FROM procedure_case WHERE receipt_number LIKE 'GEN-%'`,
  )) as [{ n: number }];
  if (existing > 0)
    return {
      outcome: 'already-filled',
      courses: 0,
      attendance: 0,
      evaluations: 0,
      procedures: 0,
      answers: 0,
      ms: Date.now() - started,
    };
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear - BASELINE_YEAR + 1 }, (_, i) => BASELINE_YEAR + i);
  await manager.query(`CREATE TEMP TABLE gen_q_cadre ON COMMIT DROP AS
    SELECT c.id, c.unit_id, p.is_management AS mgr, u.body FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
    WHERE u.code LIKE 'GEN%'`);
  onPhase('bồi dưỡng');
  let courses = 0;
  let attendance = 0;
  for (const y of years) {
    for (const t of TRAINING) {
      const end = y === thisYear ? today : `${y}-10-20`;
      const [course] = (await manager.query(
        `INSERT INTO training_course (version, title, category, mode, starts_on, ends_on, year, provider)
         VALUES (1, $1, $2, 'ONLINE', $3::date - 2, $3::date, $4, 'GEN Trường Chính trị tỉnh') RETURNING id`,
        [`GEN ${t.category} ${y}`, t.category, end, y],
      )) as [{ id: string }];
      courses++;
      const share = y === BASELINE_YEAR ? t.share[0] : t.share[1];
      // Once-for-the-term courses: a cadre who passed before is not counted again; the draw is
      // per cadre and category, so the later year's share is cumulative.
      const draw = t.yearly ? rand('c.id', `${t.category}${y}`) : rand('c.id', t.category);
      const [{ n }] = (await manager.query(
        `WITH ins AS (
           INSERT INTO training_attendance (version, course_id, cadre_id, category, year, result, certificate_number)
           SELECT 1, $1, c.id, $2, $3, CASE WHEN ${rand('c.id', `fail${t.category}${y}`)} < 0.03 THEN 'FAILED'::training_result ELSE 'PASSED' END, NULL
           FROM gen_q_cadre c
           WHERE ${t.who === 'mgr' ? 'c.mgr AND ' : ''}${draw} < $4
             ${t.yearly ? '' : `AND NOT EXISTS (SELECT 1 FROM training_attendance a WHERE a.cadre_id = c.id AND a.category = $2 AND a.result = 'PASSED')`}
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [course.id, t.category, y, share],
      )) as [{ n: number }];
      attendance += n;
    }
  }
  onPhase('đánh giá');
  let evaluations = 0;
  for (const y of years) {
    const r = rand('c.id', `rating${y}`);
    const [{ n }] = (await manager.query(
      `WITH ins AS (
         INSERT INTO evaluation (version, cadre_id, year, unit_id, task_group, self_assessment, unit_head_assessment, score, rating, rule_set_id)
         SELECT 1, c.id, $1, c.unit_id, CASE WHEN c.mgr THEN 'LEADERS' ELSE 'STAFF' END, 'Tự đánh giá (dữ liệu mẫu).', NULL, NULL,
                CASE WHEN ${r} < 0.01 THEN 'NOT_COMPLETED'::rating WHEN ${r} < $2 THEN 'COMPLETED' WHEN ${r} < $2 + 0.12 THEN 'EXCELLENT' ELSE 'WELL' END,
                'vn-2025'
         FROM gen_q_cadre c RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [y, y === BASELINE_YEAR ? 0.06 : 0.035],
    )) as [{ n: number }];
    evaluations += n;
  }
  onPhase('thủ tục và phiếu khảo sát mức độ hài lòng');
  await manager.query(`CREATE TEMP TABLE gen_q_handler ON COMMIT DROP AS
    SELECT id, unit_id, row_number() OVER (ORDER BY id)::int AS rn FROM gen_q_cadre WHERE body = 'GOVERNMENT' AND NOT mgr`);
  const [{ h }] = (await manager.query(`SELECT count(*)::int AS h FROM gen_q_handler`)) as [{ h: number }];
  let procedures = 0;
  let written = 0;
  if (h > 0 && answers > 0) {
    const weights = years.map((y) => (y === BASELINE_YEAR ? 0.45 : 0.55 / Math.max(years.length - 1, 1)));
    const total = weights.reduce((a, b) => a + b, 0);
    const CHUNK = 250_000;
    for (const [i, y] of years.entries()) {
      const coverage = y === BASELINE_YEAR ? 0.88 : 0.93;
      const answersThisYear = Math.round((answers * weights[i]!) / total);
      const count = Math.round(answersThisYear / coverage);
      const days =
        y === thisYear
          ? Math.max(1, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${y}-01-01T00:00:00Z`)) / 86_400_000))
          : 365;
      for (let from = 1; from <= count; from += CHUNK) {
        const to = Math.min(count, from + CHUNK - 1);
        // One statement per chunk: the procedures, and (a CTE over the rows just inserted) the answers
        // of exactly the first answersThisYear of a fixed pseudo-random order (g * a prime mod count
        // is a permutation of the year's procedures).
        const [{ n }] = (await manager.query(
          `WITH pc AS (
             INSERT INTO procedure_case (receipt_number, procedure_name, completed_on, year, unit_id, cadre_id)
             SELECT 'GEN-' || $1::int || '-' || lpad(g::text, 8, '0'), 'Thủ tục mẫu ' || (1 + g % 40), make_date($1::int, 1, 1) + (g % $4::int), $1::int, h.unit_id, h.id
             FROM generate_series($2::int, $3::int) g JOIN gen_q_handler h ON h.rn = 1 + (g::bigint * 7919) % $5
             RETURNING id, procedure_name, completed_on, year, unit_id, cadre_id, substr(receipt_number, 10)::bigint AS g),
           ins AS (
             INSERT INTO satisfaction_result (procedure_case_id, procedure_name, surveyed_on, year, unit_id, cadre_id, score, comment, channel, recorded_at)
             SELECT pc.id, pc.procedure_name, pc.completed_on, pc.year, pc.unit_id, pc.cadre_id,
                    CASE WHEN r < 0.5 THEN 5 WHEN r < 0.83 THEN 4 WHEN r < 0.94 THEN 3 WHEN r < 0.98 THEN 2 ELSE 1 END,
                    NULL, CASE WHEN pc.g % 5 < 2 THEN 'PUBLIC'::satisfaction_channel ELSE 'STAFF' END, now()
             FROM pc CROSS JOIN LATERAL (SELECT ${rand('pc.id', 'score')} AS r) x
             WHERE (pc.g * 1000003) % $6::int < $7::int
             RETURNING 1)
           SELECT count(*)::int AS n FROM ins`,
          [y, from, to, days, h, count, answersThisYear],
        )) as [{ n: number }];
        written += n;
        onPhase(`  ${y}: ${to.toLocaleString('vi-VN')} / ${count.toLocaleString('vi-VN')} thủ tục`);
      }
      procedures += count;
    }
  }
  await manager.query(
    `ANALYZE training_attendance; ANALYZE evaluation; ANALYZE procedure_case; ANALYZE satisfaction_result; ANALYZE satisfaction_tally`,
  );
  return { outcome: 'generated', courses, attendance, evaluations, procedures, answers: written, ms: Date.now() - started };
}
