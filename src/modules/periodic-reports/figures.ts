import { registerEnumType } from 'type-graphql';
import { DisciplineForm, DisciplineSide, DisciplineSubjectType } from '../discipline/discipline.enums';
import { FindingArea, FindingSeverity, InspectionSubjectType } from '../inspections/inspection.enums';
import { ReceptionKind } from '../quality/quality.enums';
import { notInvolved } from '../recusal/recusal.policy';
import { ReportField, ReportKind, ReportOutcome, ReportSource } from '../reports/report.enums';

/**
 * The figures a periodic report template may name, a closed set: each counts the records of one
 * source (a table and the date that places a record in a period) that meet a condition. A figure
 * and the records listed for it come from the same SQL, so they cannot disagree.
 *
 * Statement parameters shared by every source: $1, $2 the current period's first and last day;
 * $3, $4 the same period a year earlier; $5 the scope's unit path (null: everything); $6 the
 * supervision kinds' codes; $7 today (Vietnamese day).
 */
export enum PeriodicRecordKind {
  REPORT = 'REPORT',
  RECEPTION_SESSION = 'RECEPTION_SESSION',
  PLAN_ITEM = 'PLAN_ITEM',
  INSPECTION = 'INSPECTION',
  FINDING = 'FINDING',
  DISCIPLINE_CASE = 'DISCIPLINE_CASE',
  DISCIPLINE_NOTIFICATION = 'DISCIPLINE_NOTIFICATION',
}

registerEnumType(PeriodicRecordKind, {
  name: 'PeriodicRecordKind',
  description:
    'What a record counted by a periodic report’s figure is (its id is that record’s id) (loại hồ sơ được tính trong báo cáo định kỳ).',
  valuesConfig: {
    REPORT: { description: 'A report (đơn thư): read it with report(id).' },
    RECEPTION_SESSION: { description: 'A citizen reception session or dialogue (buổi tiếp công dân, đối thoại).' },
    PLAN_ITEM: { description: 'An item of an inspection and supervision plan (nội dung kế hoạch).' },
    INSPECTION: { description: 'An inspection or supervision (cuộc kiểm tra, giám sát): read it with inspection(id).' },
    FINDING: { description: 'An inspection finding (phát hiện qua kiểm tra).' },
    DISCIPLINE_CASE: { description: 'A discipline case (hồ sơ kỷ luật).' },
    DISCIPLINE_NOTIFICATION: { description: 'A notification of a discipline decision to the other side (thông báo kỷ luật).' },
  },
});

/** Groupings a template row may expand into one row per group (only the receivers of reception sessions today). */
export enum FigureGroup {
  RECEIVER = 'RECEIVER',
}

interface Source {
  kind: PeriodicRecordKind;
  /** The SELECT of the source's rows: columns `id`, `c` (in the current period), `p` (in last year's), `lbl` (a label without personal data), and the attributes the figures test. */
  rows: string;
  /** The same rows without the label (`lbl` null), when a UNION would compute it for nothing. */
  countRows?: string;
  /** One record may give several rows (a report's stage moves): its figures count distinct ids. */
  repeats?: true;
  /** Condition, on the rows aliased `x`, that the caller (bound parameter `me`) is not involved in the record (recusal). */
  notInvolved?: (me: string) => string;
}

const TZ = `'Asia/Ho_Chi_Minh'`;
/** The Vietnamese day of a timestamptz column. */
const vnDay = (col: string) => `(${col} AT TIME ZONE ${TZ})::date`;
/** A timestamptz column within the days from..to (inclusive), using its index. */
const tsIn = (col: string, from: string, to: string) =>
  `(${col} >= (${from}::date::timestamp AT TIME ZONE ${TZ}) AND ${col} < ((${to}::date + 1)::timestamp AT TIME ZONE ${TZ}))`;
const dayIn = (col: string, from: string, to: string) => `(${col} BETWEEN ${from}::date AND ${to}::date)`;
/** Both windows: the `c` and `p` columns and the WHERE that keeps either. */
const windows = (inWindow: (from: string, to: string) => string) => ({
  cols: `${inWindow('$1', '$2')} AS c, ${inWindow('$3', '$4')} AS p`,
  where: `(${inWindow('$1', '$2')} OR ${inWindow('$3', '$4')})`,
});
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A CASE mapping an enum column to Vietnamese words. */
const words = (col: string, map: Record<string, string>) =>
  `(CASE ${col} ${Object.entries(map)
    .map(([k, v]) => `WHEN ${sqlText(k)} THEN ${sqlText(v)}`)
    .join(' ')} ELSE ${col} END)`;
const inScope = (pathExpr: string) => `($5::text IS NULL OR ${pathExpr} LIKE $5::text || '%')`;
const unitPath = (unitIdExpr: string) => `(SELECT u.path FROM unit u WHERE u.id = ${unitIdExpr})`;
const cadreUnitPath = (cadreIdExpr: string) =>
  `(SELECT u.path FROM cadre cu JOIN unit u ON u.id = cu.unit_id WHERE cu.id = ${cadreIdExpr})`;

export const KIND_VI: Record<ReportKind, string> = {
  COMPLAINT: 'Khiếu nại',
  DENUNCIATION: 'Tố cáo',
  PETITION: 'Kiến nghị',
  FEEDBACK: 'Phản ánh',
};
/** The kinds a group may file (a denunciation is each denouncer's own: GROUP_NOT_FOR_KIND). */
const GROUP_KIND_VI: Record<Exclude<ReportKind, ReportKind.DENUNCIATION>, string> = {
  COMPLAINT: 'Khiếu nại đông người',
  PETITION: 'Kiến nghị đông người',
  FEEDBACK: 'Phản ánh đông người',
};
export const SOURCE_VI: Record<ReportSource, string> = {
  CITIZEN: 'Công dân gửi',
  PRESS: 'Báo chí phản ánh',
  FATHERLAND_FRONT: 'Mặt trận Tổ quốc chuyển đến',
  INTERNAL: 'Phát sinh trong nội bộ',
  HIGHER_LEVEL: 'Cấp trên chuyển đến',
};
export const FIELD_VI: Record<ReportField, string> = {
  LAND: 'Đất đai',
  CONSTRUCTION: 'Xây dựng, trật tự đô thị',
  PUBLIC_FINANCE: 'Tài chính, tài sản công',
  ADMINISTRATIVE_PROCEDURE: 'Thủ tục hành chính',
  CADRE_ATTITUDE: 'Thái độ, tác phong cán bộ',
  CORRUPTION: 'Tham nhũng, tiêu cực',
  OTHER: 'Lĩnh vực khác',
};
export const OUTCOME_VI: Record<ReportOutcome, string> = {
  FOUNDED: 'Đúng',
  PARTLY_FOUNDED: 'Đúng một phần',
  UNFOUNDED: 'Sai',
};
export const AREA_VI: Record<FindingArea, string> = {
  CORRUPTION: 'Tham nhũng, tiêu cực',
  DISTANCE_FROM_PEOPLE: 'Xa dân',
  STAGNATION: 'Trì trệ',
  PARTY_FINANCE: 'Tài chính đảng',
  LAND_AND_CONSTRUCTION: 'Đất đai, xây dựng',
  PUBLIC_FINANCE: 'Tài chính, tài sản công',
  ADMINISTRATIVE_PROCEDURE: 'Thủ tục hành chính',
  ETHICS_AND_LIFESTYLE: 'Đạo đức, lối sống',
  EXECUTION_OF_DISCIPLINE: 'Thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật',
  OTHER: 'Lĩnh vực khác',
};
export const SEVERITY_VI: Record<FindingSeverity, string> = {
  OBSERVATION: 'Nhận xét',
  SHORTCOMING: 'Khuyết điểm',
  VIOLATION: 'Vi phạm',
  SERIOUS_VIOLATION: 'Vi phạm nghiêm trọng',
};
export const FORM_VI: Record<DisciplineForm, string> = {
  REPRIMAND: 'Khiển trách',
  WARNING: 'Cảnh cáo',
  DISMISSAL_FROM_POST: 'Cách chức',
  EXPULSION: 'Khai trừ',
  DISSOLUTION: 'Giải tán',
  REMOVAL_BY_VOTE: 'Bãi nhiệm',
  DISMISSAL_FROM_LEADERSHIP_POST: 'Cách chức (chức vụ lãnh đạo)',
  FORCED_RESIGNATION: 'Buộc thôi việc',
};
export const SUBJECT_VI: Record<DisciplineSubjectType, string> = {
  PARTY_MEMBER_FULL: 'Đảng viên chính thức',
  PARTY_MEMBER_PROBATIONARY: 'Đảng viên dự bị',
  PARTY_ORGANISATION: 'Tổ chức đảng',
  ELECTED_CADRE: 'Cán bộ',
  CIVIL_SERVANT: 'Công chức',
};
const SIDE_VI: Record<DisciplineSide, string> = { PARTY: 'Kỷ luật đảng', STATE: 'Kỷ luật chính quyền' };
const RECEPTION_VI: Record<ReceptionKind, string> = {
  CITIZEN_RECEPTION: 'Tiếp công dân',
  DIRECT_DIALOGUE: 'Đối thoại trực tiếp',
};

/**
 * The reports concerning the scope's subtree (a subject unit in it, or a subject cadre of a unit
 * in it: the unit of a subject naming both), received by the current period's last day, with
 * the report columns the sources read: one CTE of the statement (`SCOPED_REPORTS_CTE`), read by
 * every report source's scoped branch. It starts from the subtree's units (the path index), then
 * their subject rows by the `report_subject_unit_received_idx` / `report_subject_cadre_received_idx`
 * ranges: a ward reads its own reports, not the province's. Whatever moves in a period (accepted,
 * concluded, closed) was received before its end. Not evaluated without a scope (the branches
 * reading it are gated off).
 */
export const SCOPED_REPORTS_CTE = `scoped_report AS MATERIALIZED (
  SELECT r.id, r.kind, r.source, r.field, r.anonymous, r.group_size, r.outcome, r.received_at, r.accepted_at
    FROM report r
   WHERE $5::text IS NOT NULL AND r.id IN (
     SELECT s.report_id FROM unit u JOIN report_subject s ON s.unit_id = u.id
      WHERE u.path LIKE $5::text || '%' AND s.received_at < (($2::date + 1)::timestamp AT TIME ZONE ${TZ})
     UNION ALL
     SELECT s.report_id FROM unit u JOIN cadre c ON c.unit_id = u.id JOIN report_subject s ON s.cadre_id = c.id
      WHERE s.unit_id IS NULL AND u.path LIKE $5::text || '%' AND s.received_at < (($2::date + 1)::timestamp AT TIME ZONE ${TZ})))`;
/**
 * A report source's rows for one scope, one statement: without a scope ($5 null) the rows of
 * `from` (over `report r`) that `where` keeps; with one, the same rows over the scope's reports
 * (`scoped_report`). Each branch is gated by `$5` alone, so the planner drops the other one (a
 * one-time filter at worst). `countRows`: the same rows without the label, for the figures.
 */
const reportRows = (select: (lbl: string) => string, label: string, from: (report: string) => string, where: string) => {
  const rows = (lbl: string) => `${select(lbl)} FROM ${from('report r')} WHERE $5::text IS NULL AND ${where}
   UNION ALL
   ${select(lbl)} FROM ${from('scoped_report r')} WHERE $5::text IS NOT NULL AND ${where}`;
  // A UNION ALL computes every column of its branches: the counting statement leaves the label out.
  return { rows: rows(label), countRows: rows('NULL::text') };
};
const reportLabel = (r: string, day: string, what: string) =>
  `'Đơn ' || lower(${words(`${r}.kind::text`, KIND_VI)}) || ' — ' || ${words(`${r}.field::text`, FIELD_VI)} || ', ${what} ' || to_char(${day}, 'DD/MM/YYYY')`;

/** The sources: which table, which date places a record in a period, and its scope. */
export const SOURCES = {
  reportReceived: ((w) => ({
    kind: PeriodicRecordKind.REPORT,
    ...reportRows(
      (lbl) => `SELECT r.id, ${w.cols}, ${lbl} AS lbl,
             r.kind::text AS kind, r.source::text AS source, r.field::text AS field, r.anonymous, r.group_size AS people`,
      reportLabel('r', vnDay('r.received_at'), 'nhận ngày'),
      (report) => report,
      w.where,
    ),
    notInvolved: (me: string) => notInvolved.report('x', me),
  }))(windows((f, t) => tsIn('r.received_at', f, t))),
  reportAccepted: ((w) => ({
    kind: PeriodicRecordKind.REPORT,
    ...reportRows(
      (lbl) => `SELECT r.id, ${w.cols}, ${lbl} AS lbl, r.kind::text AS kind`,
      reportLabel('r', vnDay('r.accepted_at'), 'thụ lý ngày'),
      (report) => report,
      `r.accepted_at IS NOT NULL AND ${w.where}`,
    ),
    notInvolved: (me: string) => notInvolved.report('x', me),
  }))(windows((f, t) => tsIn('r.accepted_at', f, t))),
  /**
   * Moves to a later stage, by the report timeline: not accepted, transferred, concluded, closed
   * with the reply. `late`: the deadline watcher had recorded the report overdue (a stage past its
   * legal due date) before this move.
   */
  reportTransition: ((w) => ({
    kind: PeriodicRecordKind.REPORT,
    ...reportRows(
      (lbl) => `SELECT r.id, ${w.cols}, ${lbl} AS lbl,
             t.to_status AS status, r.kind::text AS kind, r.outcome::text AS outcome,
             EXISTS (SELECT 1 FROM deadline_alert a WHERE a.report_id = r.id AND a.threshold = 'OVERDUE' AND a.due_at < t.at) AS late`,
      reportLabel('r', vnDay('t.at'), 'chuyển bước ngày'),
      (report) => `report_timeline_entry t JOIN ${report} ON r.id = t.report_id`,
      `t.type = 'TRANSITION' AND t.to_status IN ('NOT_ACCEPTED', 'TRANSFERRED', 'CONCLUDED', 'CLOSED') AND ${w.where}`,
    ),
    repeats: true,
    notInvolved: (me: string) => notInvolved.report('x', me),
  }))(windows((f, t) => tsIn('t.at', f, t))),
  reception: ((w) => ({
    kind: PeriodicRecordKind.RECEPTION_SESSION,
    rows: `SELECT s.id, ${w.cols}, ${words('s.kind::text', RECEPTION_VI)} || ' ngày ' || to_char(s.held_on, 'DD/MM/YYYY') || ', ' || s.citizen_count || ' công dân' AS lbl,
             s.kind::text AS kind, s.citizen_count AS people, s.receiver_cadre_ids
           FROM reception_session s WHERE ${w.where}
             AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM cadre rc JOIN unit u ON u.id = rc.unit_id
                   WHERE rc.id = ANY(s.receiver_cadre_ids) AND u.path LIKE $5::text || '%'))`,
  }))(windows((f, t) => dayIn('s.held_on', f, t))),
  /** Plan items whose quarter overlaps the period. `done`: its inspection was concluded. */
  planItem: ((w) => ({
    kind: PeriodicRecordKind.PLAN_ITEM,
    rows: `SELECT pi.id, ${w.cols}, 'Kế hoạch quý ' || pi.planned_quarter || '/' || pi.planned_year || ': ' || pi.kind AS lbl,
             (pi.kind = ANY($6::text[])) AS supervision, pi.subject_cadre_id,
             EXISTS (SELECT 1 FROM inspection pin WHERE pin.id = pi.inspection_id AND pin.status IN ('CONCLUDED', 'FOLLOW_UP', 'CLOSED')) AS done
           FROM plan_item pi WHERE ${w.where}
             AND ${inScope(`coalesce(${unitPath('pi.subject_unit_id')}, ${cadreUnitPath('pi.subject_cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.inspection('x', me),
  }))(
    windows(
      (f, t) =>
        `(make_date(pi.planned_year, 3 * pi.planned_quarter - 2, 1) <= ${t}::date AND make_date(pi.planned_year, 3 * pi.planned_quarter - 2, 1) + interval '3 months' > ${f}::date)`,
    ),
  ),
  inspectionDecided: ((w) => ({
    kind: PeriodicRecordKind.INSPECTION,
    rows: `SELECT i.id, ${w.cols}, i.title || ' (quyết định ngày ' || to_char(i.decision_date, 'DD/MM/YYYY') || ')' AS lbl,
             (i.kind = ANY($6::text[])) AS supervision, i.subject_type::text AS subject_type, i.subject_cadre_id
           FROM inspection i WHERE i.decision_date IS NOT NULL AND i.status <> 'CANCELLED' AND ${w.where}
             AND ${inScope(`coalesce(${unitPath('i.subject_unit_id')}, ${cadreUnitPath('i.subject_cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.inspection('x', me),
  }))(windows((f, t) => dayIn('i.decision_date', f, t))),
  inspectionConcluded: ((w) => ({
    kind: PeriodicRecordKind.INSPECTION,
    rows: `SELECT i.id, ${w.cols}, i.title || ' (kết luận ngày ' || to_char(${vnDay('i.concluded_at')}, 'DD/MM/YYYY') || ')' AS lbl,
             (i.kind = ANY($6::text[])) AS supervision, i.subject_cadre_id
           FROM inspection i WHERE i.concluded_at IS NOT NULL AND ${w.where}
             AND ${inScope(`coalesce(${unitPath('i.subject_unit_id')}, ${cadreUnitPath('i.subject_cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.inspection('x', me),
  }))(windows((f, t) => tsIn('i.concluded_at', f, t))),
  finding: ((w) => ({
    kind: PeriodicRecordKind.FINDING,
    rows: `SELECT f.id, ${w.cols}, ${words('f.area::text', AREA_VI)} || ' — ' || lower(${words('f.severity::text', SEVERITY_VI)}) || ', ngày ' || to_char(${vnDay('f.recorded_at')}, 'DD/MM/YYYY') AS lbl,
             f.area::text AS area, f.severity::text AS severity, f.inspection_id, f.concerned_cadre_ids
           FROM finding f JOIN inspection fi ON fi.id = f.inspection_id
           WHERE f.status = 'RECORDED' AND ${w.where}
             AND ${inScope(`coalesce(${unitPath('fi.subject_unit_id')}, ${cadreUnitPath('fi.subject_cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.finding('x', me),
  }))(windows((f, t) => tsIn('f.recorded_at', f, t))),
  disciplineOpened: ((w) => ({
    kind: PeriodicRecordKind.DISCIPLINE_CASE,
    rows: `SELECT d.id, ${w.cols}, ${words('d.subject_type::text', SUBJECT_VI)} || ', mở ngày ' || to_char(${vnDay('d.created_at')}, 'DD/MM/YYYY') AS lbl, d.cadre_id
           FROM discipline_case d WHERE ${w.where}
             AND ${inScope(`coalesce(${unitPath('d.unit_id')}, ${cadreUnitPath('d.cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.disciplineCase('x', me),
  }))(windows((f, t) => tsIn('d.created_at', f, t))),
  disciplineDecided: ((w) => ({
    kind: PeriodicRecordKind.DISCIPLINE_CASE,
    rows: `SELECT d.id, ${w.cols}, ${words('d.subject_type::text', SUBJECT_VI)} || ' — ' || lower(${words('d.form::text', FORM_VI)}) || ', quyết định ngày ' || to_char(d.decision_date, 'DD/MM/YYYY') AS lbl,
             d.form::text AS form, d.subject_type::text AS subject_type, d.side::text AS side, d.cadre_id
           FROM discipline_case d WHERE d.decision_date IS NOT NULL AND d.form IS NOT NULL AND d.status <> 'DROPPED' AND ${w.where}
             AND ${inScope(`coalesce(${unitPath('d.unit_id')}, ${cadreUnitPath('d.cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.disciplineCase('x', me),
  }))(windows((f, t) => dayIn('d.decision_date', f, t))),
  /** Notifications of a decision to the other side (5 days, Quy định 296-QĐ/TW), by due day. */
  notification: ((w) => ({
    kind: PeriodicRecordKind.DISCIPLINE_NOTIFICATION,
    rows: `SELECT n.id, ${w.cols}, 'Thông báo ' || lower(${words('n.notify::text', SIDE_VI)}) || ', hạn ' || to_char(n.due_on, 'DD/MM/YYYY') AS lbl,
             (n.sent_on IS NOT NULL AND n.sent_on <= n.due_on) AS on_time,
             ((n.sent_on IS NOT NULL AND n.sent_on > n.due_on) OR (n.sent_on IS NULL AND n.due_on < $7::date)) AS late, d.cadre_id
           FROM discipline_notification n JOIN discipline_case d ON d.id = n.case_id WHERE ${w.where}
             AND ${inScope(`coalesce(${unitPath('d.unit_id')}, ${cadreUnitPath('d.cadre_id')})`)}`,
    notInvolved: (me: string) => notInvolved.disciplineCase('x', me),
  }))(windows((f, t) => dayIn('n.due_on', f, t))),
} satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;

/** One figure: a count (or a sum of people) of a source's rows meeting `where` (SQL on alias `x`). */
export interface FigureDef {
  code: string;
  /** The row's words when the template gives none. */
  label: string;
  source: SourceKey;
  where: string;
  /** Sum this integer column instead of counting records (people received). */
  sum?: string;
  /** Groupings the figure may be expanded by. */
  groups?: readonly FigureGroup[];
}

/**
 * A delegation (đoàn đông người): five citizens or more about one matter, who choose
 * representatives (Luật Tiếp công dân 2013, Điều 30; medium confidence on applying it to a
 * session's head count: the session records how many took part, not how many matters).
 */
export const DELEGATION_MIN_PEOPLE = 5;

const perValue = <E extends string>(
  prefix: string,
  source: SourceKey,
  column: string,
  labels: Record<E, string>,
  base = 'true',
): FigureDef[] =>
  (Object.entries(labels) as Array<[E, string]>).map(([value, label]) => ({
    code: `${prefix}.${value}`,
    label,
    source,
    where: `${base} AND x.${column} = ${sqlText(value)}`,
  }));

const RECEPTION = `x.kind = 'CITIZEN_RECEPTION'`;
const HANDLED = `x.status IN ('NOT_ACCEPTED', 'TRANSFERRED', 'CONCLUDED')`;

/** Every figure a template may name. */
export const FIGURES: readonly FigureDef[] = [
  {
    code: 'reception.sessions',
    label: 'Số buổi tiếp công dân',
    source: 'reception',
    where: RECEPTION,
    groups: [FigureGroup.RECEIVER],
  },
  {
    code: 'reception.people',
    label: 'Số lượt công dân được tiếp',
    source: 'reception',
    where: RECEPTION,
    sum: 'people',
    groups: [FigureGroup.RECEIVER],
  },
  {
    code: 'reception.delegations',
    label: `Số đoàn đông người (từ ${DELEGATION_MIN_PEOPLE} người trở lên)`,
    source: 'reception',
    where: `${RECEPTION} AND x.people >= ${DELEGATION_MIN_PEOPLE}`,
  },
  {
    code: 'reception.delegationPeople',
    label: 'Số người trong các đoàn đông người',
    source: 'reception',
    where: `${RECEPTION} AND x.people >= ${DELEGATION_MIN_PEOPLE}`,
    sum: 'people',
  },
  {
    code: 'reception.dialogues',
    label: 'Số buổi đối thoại trực tiếp với Nhân dân',
    source: 'reception',
    where: `x.kind = 'DIRECT_DIALOGUE'`,
    groups: [FigureGroup.RECEIVER],
  },
  {
    code: 'reception.dialoguePeople',
    label: 'Số người tham gia đối thoại',
    source: 'reception',
    where: `x.kind = 'DIRECT_DIALOGUE'`,
    sum: 'people',
  },
  { code: 'reports.received', label: 'Tổng số đơn thư tiếp nhận', source: 'reportReceived', where: 'true' },
  ...perValue('reports.received.kind', 'reportReceived', 'kind', KIND_VI),
  ...perValue('reports.received.source', 'reportReceived', 'source', SOURCE_VI),
  ...perValue('reports.received.field', 'reportReceived', 'field', FIELD_VI),
  { code: 'reports.received.anonymous', label: 'Đơn nặc danh, mạo danh', source: 'reportReceived', where: 'x.anonymous' },
  {
    code: 'reports.received.group',
    label: 'Đơn đông người (khiếu nại, kiến nghị, phản ánh đông người)',
    source: 'reportReceived',
    where: 'x.people IS NOT NULL',
  },
  {
    code: 'reports.received.groupPeople',
    label: 'Số người cùng đứng đơn đông người (kể cả người đại diện)',
    source: 'reportReceived',
    where: 'x.people IS NOT NULL',
    sum: 'people',
  },
  ...perValue('reports.received.group.kind', 'reportReceived', 'kind', GROUP_KIND_VI, 'x.people IS NOT NULL'),
  { code: 'reports.accepted', label: 'Số đơn đã thụ lý', source: 'reportAccepted', where: 'true' },
  ...perValue('reports.accepted.kind', 'reportAccepted', 'kind', KIND_VI),
  {
    code: 'reports.notAccepted',
    label: 'Số đơn không thụ lý',
    source: 'reportTransition',
    where: `x.status = 'NOT_ACCEPTED'`,
  },
  {
    code: 'reports.transferred',
    label: 'Số đơn chuyển cơ quan có thẩm quyền',
    source: 'reportTransition',
    where: `x.status = 'TRANSFERRED'`,
  },
  { code: 'reports.handled', label: 'Số đơn đã xử lý xong', source: 'reportTransition', where: HANDLED },
  {
    code: 'reports.handled.onTime',
    label: 'Trong hạn',
    source: 'reportTransition',
    where: `${HANDLED} AND NOT x.late`,
  },
  { code: 'reports.handled.late', label: 'Quá hạn', source: 'reportTransition', where: `${HANDLED} AND x.late` },
  { code: 'reports.concluded', label: 'Số đơn đã có kết luận', source: 'reportTransition', where: `x.status = 'CONCLUDED'` },
  ...perValue('reports.concluded.outcome', 'reportTransition', 'outcome', OUTCOME_VI, `x.status = 'CONCLUDED'`),
  {
    code: 'reports.answered',
    label: 'Số người gửi đơn đã được trả lời',
    source: 'reportTransition',
    where: `x.status = 'CLOSED'`,
  },
  { code: 'plans.inspections', label: 'Nội dung kiểm tra theo kế hoạch', source: 'planItem', where: 'NOT x.supervision' },
  {
    code: 'plans.inspections.done',
    label: 'Đã thực hiện xong',
    source: 'planItem',
    where: 'NOT x.supervision AND x.done',
  },
  { code: 'plans.supervisions', label: 'Nội dung giám sát theo kế hoạch', source: 'planItem', where: 'x.supervision' },
  { code: 'plans.supervisions.done', label: 'Đã thực hiện xong', source: 'planItem', where: 'x.supervision AND x.done' },
  {
    code: 'inspections.decided',
    label: 'Số cuộc kiểm tra đã quyết định',
    source: 'inspectionDecided',
    where: 'NOT x.supervision',
  },
  ...perValue(
    'inspections.decided.subject',
    'inspectionDecided',
    'subject_type',
    { UNIT: 'Đối với tổ chức đảng', CADRE: 'Đối với đảng viên' } satisfies Record<InspectionSubjectType, string>,
    'NOT x.supervision',
  ),
  {
    code: 'supervisions.decided',
    label: 'Số cuộc giám sát đã quyết định',
    source: 'inspectionDecided',
    where: 'x.supervision',
  },
  ...perValue(
    'supervisions.decided.subject',
    'inspectionDecided',
    'subject_type',
    { UNIT: 'Đối với tổ chức đảng', CADRE: 'Đối với đảng viên' } satisfies Record<InspectionSubjectType, string>,
    'x.supervision',
  ),
  {
    code: 'inspections.concluded',
    label: 'Số cuộc kiểm tra đã kết luận',
    source: 'inspectionConcluded',
    where: 'NOT x.supervision',
  },
  {
    code: 'supervisions.concluded',
    label: 'Số cuộc giám sát đã kết luận',
    source: 'inspectionConcluded',
    where: 'x.supervision',
  },
  { code: 'findings.recorded', label: 'Tổng số phát hiện qua kiểm tra, giám sát', source: 'finding', where: 'true' },
  ...perValue('findings.area', 'finding', 'area', AREA_VI),
  ...perValue('findings.severity', 'finding', 'severity', SEVERITY_VI),
  { code: 'discipline.opened', label: 'Số hồ sơ kỷ luật mở mới', source: 'disciplineOpened', where: 'true' },
  { code: 'discipline.decided', label: 'Số trường hợp bị thi hành kỷ luật', source: 'disciplineDecided', where: 'true' },
  ...perValue('discipline.decided.form', 'disciplineDecided', 'form', FORM_VI),
  ...perValue('discipline.decided.subject', 'disciplineDecided', 'subject_type', SUBJECT_VI),
  ...perValue('discipline.decided.side', 'disciplineDecided', 'side', SIDE_VI),
  { code: 'discipline.notifications.due', label: 'Thông báo kỷ luật đến hạn trong kỳ', source: 'notification', where: 'true' },
  {
    code: 'discipline.notifications.onTime',
    label: 'Gửi đúng hạn (5 ngày)',
    source: 'notification',
    where: 'x.on_time',
  },
  { code: 'discipline.notifications.late', label: 'Gửi chậm hoặc chưa gửi', source: 'notification', where: 'x.late' },
];

export const FIGURE_BY_CODE: ReadonlyMap<string, FigureDef> = new Map(FIGURES.map((f) => [f.code, f]));

/**
 * The aggregate of one figure over the rows aliased `x` in window `w` (`c` or `p`). A source with
 * one row per record counts rows (count(DISTINCT) sorted the province's million rows once per
 * figure: seconds); one whose records repeat, or a grouping (`distinct`), counts distinct ids.
 */
export const aggregate = (f: FigureDef, w: 'c' | 'p', distinct: boolean = 'repeats' in SOURCES[f.source]) =>
  f.sum
    ? `coalesce(sum(x.${f.sum}) FILTER (WHERE x.${w} AND (${f.where})), 0)::int`
    : `count(${distinct ? 'DISTINCT x.id' : '*'}) FILTER (WHERE x.${w} AND (${f.where}))::int`;
