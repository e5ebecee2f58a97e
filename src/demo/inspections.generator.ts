import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../common/validation';
import { inspectionKinds } from '../modules/inspections/inspection-kinds';
import { AREA_TOPIC, inspectionPeriod, KIND_TITLE } from './inspection-titles';
import { FindingArea, FindingRecommendation, FindingSeverity, InspectionStatus } from '../modules/inspections/inspection.enums';

/** How much inspection work `npm run gen` adds per scale. */
export const INSPECTION_SCALES = {
  ward: { inspections: 100, findings: 300, cases: 25, longRecord: 20 },
  province: { inspections: 20_000, findings: 60_000, cases: 5_000, longRecord: 200 },
  nation: { inspections: 20_000, findings: 60_000, cases: 5_000, longRecord: 200 },
} as const;

export interface InspectionGenSummary {
  inspections: number;
  findings: number;
  cases: number;
  /** The cadre with the long record (for the benchmark), or null when nothing was written. */
  longRecordCadreId: string | null;
}

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * Bulk inspection work over the generated register, in set-based SQL (a few statements, whatever
 * the size): inspections of Party members in every stage, findings spread over the started inspections
 * in every area and severity, discipline cases from findings. The first `longRecord` inspections
 * all concern one cadre, who gets a long supervision record. Team conflict rules are not checked
 * here (leaders are drawn from other cadres); everything else has the shape the services write.
 * Does nothing when inspections already exist.
 */
export async function generateInspectionWork(
  manager: EntityManager,
  scale: keyof typeof INSPECTION_SCALES,
): Promise<InspectionGenSummary> {
  const s = INSPECTION_SCALES[scale];
  const [{ n: existing }] = (await manager.query(`SELECT count(*)::int AS n FROM inspection`)) as [{ n: number }];
  if (existing > 0) return { inspections: 0, findings: 0, cases: 0, longRecordCadreId: null };
  const kinds = sqlArray(inspectionKinds().map((k) => k.code));
  // Whole titles and varied periods, as the demo ward's (inspection-titles.ts); none before the ward existed.
  const year = Number(todayInVietnam().slice(0, 4));
  const periods = [0, 1, 2, 3, 4, 5].map((i) => inspectionPeriod(i, year, todayInVietnam()));
  const statuses = sqlArray(Object.values(InspectionStatus));
  const areas = sqlArray(Object.values(FindingArea));
  const severities = sqlArray(Object.values(FindingSeverity));
  const recs = sqlArray(Object.values(FindingRecommendation));
  await manager.query(`CREATE TEMP TABLE gen_member ON COMMIT DROP AS
    SELECT id, unit_id, full_name, row_number() OVER (ORDER BY id) AS rn FROM cadre WHERE party_member`);
  const [{ members }] = (await manager.query(`SELECT count(*)::int AS members FROM gen_member`)) as [{ members: number }];
  if (members < 2) return { inspections: 0, findings: 0, cases: 0, longRecordCadreId: null };
  await manager.query(
    `INSERT INTO inspection (version, kind, title, status, subject_type, subject_cadre_id, decision_number, decision_date, issuing_body,
        leader_id, member_ids, period_from, period_to, areas, report_ids, conclusion, assessment, concluded_at, created_at)
     SELECT 1, (${kinds})[1 + g % ${inspectionKinds().length}],
        ($4::text[])[1 + g % ${inspectionKinds().length}] || ' đối với đồng chí ' || m.full_name || ' về ' || ($5::text[])[1 + g % 10],
        st::inspection_status, 'CADRE', m.id,
        CASE WHEN st <> 'PLANNED' THEN g || '-QĐ/UBKT' END, CASE WHEN st <> 'PLANNED' THEN LEAST(($7::date[])[1 + g % $8::int] + (g % 60), CURRENT_DATE) END,
        CASE WHEN st <> 'PLANNED' THEN 'Ủy ban Kiểm tra' END,
        l.id, '{}', ($6::date[])[1 + g % $8::int], ($7::date[])[1 + g % $8::int], ARRAY[(${areas})[1 + g % 10]], '{}',
        CASE WHEN st IN ('CONCLUDED', 'FOLLOW_UP', 'CLOSED') THEN 'Kết luận kiểm tra mẫu.' END,
        CASE WHEN st IN ('CONCLUDED', 'FOLLOW_UP', 'CLOSED') THEN 'SHORTCOMINGS'::overall_assessment END,
        CASE WHEN st IN ('CONCLUDED', 'FOLLOW_UP', 'CLOSED') THEN now() - make_interval(days => g % 300) END,
        now() - make_interval(days => g % 480, secs => g)
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (SELECT (${statuses})[1 + (g * 7) % 8] AS st) x
       JOIN gen_member m ON m.rn = CASE WHEN g <= $2::int THEN 1 ELSE 1 + (g::bigint * 7919) % $3::int END
       JOIN gen_member l ON l.rn = 1 + (m.rn % $3::int)`,
    [
      s.inspections,
      s.longRecord,
      members,
      inspectionKinds().map((k) => KIND_TITLE[k.code] ?? 'Kiểm tra'),
      Object.values(FindingArea).map((a) => AREA_TOPIC[a]),
      periods.map((p) => p.periodFrom),
      periods.map((p) => p.periodTo),
      periods.length,
    ],
  );
  await manager.query(
    `INSERT INTO finding (inspection_id, recorded_at, description, area, severity, concerned_cadre_ids, concerned_unit_ids, recommendation, correct_by)
     SELECT i.id, i.created_at + make_interval(days => k), 'Phát hiện mẫu ' || k || ' của cuộc kiểm tra',
        ((${areas})[1 + (h + k) % 10])::finding_area, ((${severities})[1 + (h + k) % 4])::finding_severity,
        array_remove(ARRAY[i.subject_cadre_id], NULL), '{}', ((${recs})[1 + (h + k) % 4])::finding_recommendation,
        CASE WHEN (${recs})[1 + (h + k) % 4] = 'CORRECT_BY_DATE' THEN DATE '2026-12-31' END
       FROM (SELECT id, created_at, subject_cadre_id, abs(hashtext(id::text)) AS h FROM inspection
              WHERE status NOT IN ('PLANNED', 'DECIDED', 'CANCELLED')) i
      CROSS JOIN generate_series(1, $1::int) k
      LIMIT $2::int`,
    [Math.ceil(s.findings / Math.max(1, Math.floor((s.inspections * 5) / 8))), s.findings],
  );
  await manager.query(
    `INSERT INTO discipline_case (version, subject_type, side, cadre_id, origin, finding_id, violation_summary, violation_date, status, created_at,
        form, deciding_body, decision_number, decision_date, effective_date, rule_set_id, appeal_deadline, final_at)
     SELECT 1, 'PARTY_MEMBER_FULL', 'PARTY', f.concerned_cadre_ids[1], 'FINDING', f.id, 'Vi phạm mẫu', DATE '2025-06-01',
        st::discipline_status, f.recorded_at,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN 'WARNING'::discipline_form END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN 'Ủy ban Kiểm tra' END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN rn || '-QĐ/UBKT' END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN DATE '2026-01-15' END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN DATE '2026-01-15' END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN 'vn-2025-07' END,
        CASE WHEN st IN ('DECIDED', 'FINAL') THEN DATE '2026-02-14' END,
        CASE WHEN st = 'FINAL' THEN now() END
       FROM (SELECT f.*, row_number() OVER (ORDER BY f.recorded_at, f.id) AS rn FROM finding f WHERE f.recommendation = 'PROPOSE_DISCIPLINE' AND cardinality(f.concerned_cadre_ids) > 0) f
      CROSS JOIN LATERAL (SELECT (ARRAY['OPENED', 'UNDER_REVIEW', 'PROPOSED', 'DECIDED', 'FINAL'])[1 + rn % 5] AS st) x
      WHERE rn <= $1::int`,
    [s.cases],
  );
  const [counts] = (await manager.query(
    `SELECT (SELECT count(*)::int FROM inspection) AS inspections, (SELECT count(*)::int FROM finding) AS findings,
            (SELECT count(*)::int FROM discipline_case) AS cases, (SELECT id FROM gen_member WHERE rn = 1) AS long`,
  )) as [{ inspections: number; findings: number; cases: number; long: string }];
  await manager.query(`ANALYZE inspection; ANALYZE finding; ANALYZE discipline_case`);
  return { inspections: counts.inspections, findings: counts.findings, cases: counts.cases, longRecordCadreId: counts.long };
}
