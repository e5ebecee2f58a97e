import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { Role } from '../../src/common/role.enum';
import { AppError } from '../../src/common/errors';
import { inspectionKinds } from '../../src/modules/inspections/inspection-kinds';
import { parseReportTemplates } from '../../src/modules/periodic-reports/report-templates';
import templatesData from '../../src/modules/periodic-reports/data/report-templates.json';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const REPORT = `query($t: String!, $p: PeriodInput!, $u: ID) { periodicReport(template: $t, period: $p, unitId: $u) {
  template templateVersion title periodKind periodLabel from to previousFrom previousTo unitId preparedOn
  tables { key title rows { label level figure groupKey current previous change } } } }`;
const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;
const RECORDS = `query($t: String!, $p: PeriodInput!, $f: String!, $prev: Boolean, $g: ID, $first: Int, $after: String) {
  periodicReportRecords(template: $t, period: $p, figure: $f, previous: $prev, groupKey: $g, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { kind id label } } }`;

interface Row {
  label: string;
  level: number;
  figure: string | null;
  groupKey: string | null;
  current: number | null;
  previous: number | null;
  change: number | null;
}
interface Report {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  tables: Array<{ key: string; title: string; rows: Row[] }>;
}

const VN = `'Asia/Ho_Chi_Minh'`;
const CITIZEN = 'CITIZEN_RECEPTION_AND_REPORTS';
const INSPECTION = 'INSPECTION_SUPERVISION_DISCIPLINE';
/** The periods of 2026 the test asks for, as the job would on 5 January 2027. */
const PERIODS = [
  { name: 'monthly (November)', p: { kind: 'MONTH', year: 2026, number: 11 }, from: '2026-11-01', to: '2026-11-30' },
  { name: 'quarterly (Q3)', p: { kind: 'QUARTER', year: 2026, number: 3 }, from: '2026-07-01', to: '2026-09-30' },
  { name: 'yearly', p: { kind: 'YEAR', year: 2026 }, from: '2026-01-01', to: '2026-12-31' },
] as const;

describe('periodic reports on the demo ward', () => {
  let t: TestApp;
  let sc: string;
  const reports = new Map<string, Report>();
  const sql = async (query: string, params: unknown[]) => {
    const rows = (await t.owner.query(query, params)) as Array<{ n: number }>;
    return Number(rows[0]!.n);
  };
  const figure = (r: Report, code: string) => {
    const row = r.tables.flatMap((x) => x.rows).find((x) => x.figure === code && x.groupKey === null);
    if (!row) throw new Error(`no row for ${code}`);
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true, seedQuality: true });
    // The year 2026 has ended for the report: the service's day is 5 January 2027.
    t.app.services.periodicReports.today = () => '2027-01-05';
    sc = await t.tokenFor(Role.STANDING_COMMITTEE);
    // Group complaints (đơn đông người) received this year, about units of the ward: the demo data has none.
    const units = (await t.owner.query(`SELECT id FROM unit WHERE depth = 1 ORDER BY code LIMIT 2`)) as Array<{ id: string }>;
    for (const [i, [kind, members]] of (
      [
        ['COMPLAINT', 2],
        ['PETITION', 4],
      ] as const
    ).entries()) {
      const res = await t.gql(SUBMIT, {
        i: {
          kind,
          field: 'LAND',
          title: `Đơn đông người số ${i + 1} về thu hồi đất`,
          content: 'Các hộ dân khu phố 5 cùng đứng đơn về việc thu hồi đất, cử người đại diện theo dõi và nhận trả lời.',
          reporter: { fullName: `Người Đại Diện ${i + 1}`, phone: '0913 111 222', wantsNotifications: false },
          group: { members: Array.from({ length: members }, (_, m) => ({ fullName: `Thành Viên ${i + 1}-${m + 1}` })) },
          concerns: { unitIds: [units[i]!.id] },
        },
      });
      expect(res.body.errors).toBeUndefined();
    }
    for (const { p } of PERIODS)
      for (const template of [CITIZEN, INSPECTION]) {
        const res = await t.gql<{ periodicReport: Report }>(REPORT, { t: template, p }, sc);
        expect(res.body.errors).toBeUndefined();
        reports.set(`${template} ${p.kind}`, res.body.data!.periodicReport);
      }
  }, 180_000);
  afterAll(() => t.stop());

  describe.each(PERIODS)('the $name report', ({ p, from, to }) => {
    const prevFrom = `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;
    const prevTo = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;

    it('covers the period and the same period last year', () => {
      const r = reports.get(`${CITIZEN} ${p.kind}`)!;
      expect([r.from, r.to, r.previousFrom, r.previousTo]).toEqual([from, to, prevFrom, prevTo]);
    });

    it('counts the reports received, by kind, source and field, as the records say', async () => {
      const r = reports.get(`${CITIZEN} ${p.kind}`)!;
      const received = `SELECT count(*)::int AS n FROM report WHERE (received_at AT TIME ZONE ${VN})::date BETWEEN $1 AND $2`;
      expect(figure(r, 'reports.received').current).toBe(await sql(received, [from, to]));
      expect(figure(r, 'reports.received').previous).toBe(await sql(received, [prevFrom, prevTo]));
      for (const [col, value] of [
        ['kind', 'COMPLAINT'],
        ['kind', 'DENUNCIATION'],
        ['source', 'PRESS'],
        ['source', 'CITIZEN'],
        ['field', 'LAND'],
      ] as const)
        expect(figure(r, `reports.received.${col}.${value}`).current).toBe(
          await sql(`${received} AND ${col}::text = $3`, [from, to, value]),
        );
      const kinds = ['COMPLAINT', 'DENUNCIATION', 'PETITION', 'FEEDBACK'].map(
        (k) => figure(r, `reports.received.kind.${k}`).current!,
      );
      expect(kinds.reduce((a, b) => a + b, 0)).toBe(figure(r, 'reports.received').current);
    });

    it('counts acceptance, conclusions by outcome, answers and handling as the timeline says', async () => {
      const r = reports.get(`${CITIZEN} ${p.kind}`)!;
      expect(figure(r, 'reports.accepted').current).toBe(
        await sql(`SELECT count(*)::int AS n FROM report WHERE (accepted_at AT TIME ZONE ${VN})::date BETWEEN $1 AND $2`, [
          from,
          to,
        ]),
      );
      const moved = (statuses: string[], extra = 'true') =>
        sql(
          `SELECT count(DISTINCT t.report_id)::int AS n FROM report_timeline_entry t JOIN report r ON r.id = t.report_id
            WHERE t.type = 'TRANSITION' AND t.to_status = ANY($3) AND (t.at AT TIME ZONE ${VN})::date BETWEEN $1 AND $2 AND ${extra}`,
          [from, to, statuses],
        );
      expect(figure(r, 'reports.concluded').current).toBe(await moved(['CONCLUDED']));
      expect(figure(r, 'reports.concluded.outcome.FOUNDED').current).toBe(await moved(['CONCLUDED'], `r.outcome = 'FOUNDED'`));
      expect(figure(r, 'reports.answered').current).toBe(await moved(['CLOSED']));
      expect(figure(r, 'reports.transferred').current).toBe(await moved(['TRANSFERRED']));
      const handled = figure(r, 'reports.handled').current!;
      expect(handled).toBe(await moved(['CONCLUDED', 'NOT_ACCEPTED', 'TRANSFERRED']));
      expect(figure(r, 'reports.handled.onTime').current! + figure(r, 'reports.handled.late').current!).toBe(handled);
    });

    it('counts the reception sessions, the people received and who received them', async () => {
      const r = reports.get(`${CITIZEN} ${p.kind}`)!;
      const sessions = `FROM reception_session WHERE kind = 'CITIZEN_RECEPTION' AND held_on BETWEEN $1 AND $2`;
      expect(figure(r, 'reception.sessions').current).toBe(await sql(`SELECT count(*)::int AS n ${sessions}`, [from, to]));
      expect(figure(r, 'reception.people').current).toBe(
        await sql(`SELECT coalesce(sum(citizen_count), 0)::int AS n ${sessions}`, [from, to]),
      );
      const byReceiver = r.tables[0]!.rows.filter((x) => x.groupKey && x.figure === 'reception.sessions');
      for (const row of byReceiver)
        expect(row.current).toBe(
          await sql(`SELECT count(*)::int AS n ${sessions} AND $3::uuid = ANY(receiver_cadre_ids)`, [from, to, row.groupKey]),
        );
    });

    it('counts inspections, supervisions, findings by area and severity, and discipline by form', async () => {
      const r = reports.get(`${INSPECTION} ${p.kind}`)!;
      const supervision = inspectionKinds()
        .filter((k) => k.supervision)
        .map((k) => k.code);
      const decided = `SELECT count(*)::int AS n FROM inspection WHERE status <> 'CANCELLED' AND decision_date BETWEEN $1 AND $2`;
      expect(figure(r, 'inspections.decided').current).toBe(
        await sql(`${decided} AND NOT kind = ANY($3)`, [from, to, supervision]),
      );
      expect(figure(r, 'supervisions.decided').current).toBe(await sql(`${decided} AND kind = ANY($3)`, [from, to, supervision]));
      const findings = `SELECT count(*)::int AS n FROM finding WHERE status = 'RECORDED' AND (recorded_at AT TIME ZONE ${VN})::date BETWEEN $1 AND $2`;
      expect(figure(r, 'findings.recorded').current).toBe(await sql(findings, [from, to]));
      expect(figure(r, 'findings.severity.VIOLATION').current).toBe(
        await sql(`${findings} AND severity = 'VIOLATION'`, [from, to]),
      );
      expect(figure(r, 'findings.area.CORRUPTION').current).toBe(await sql(`${findings} AND area = 'CORRUPTION'`, [from, to]));
      const cases = `SELECT count(*)::int AS n FROM discipline_case WHERE decision_date BETWEEN $1 AND $2 AND form IS NOT NULL AND status <> 'DROPPED'`;
      expect(figure(r, 'discipline.decided').current).toBe(await sql(cases, [from, to]));
      expect(figure(r, 'discipline.decided.form.REPRIMAND').current).toBe(
        await sql(`${cases} AND form = 'REPRIMAND'`, [from, to]),
      );
    });
  });

  it('has something to count in the year (the checks above are not all zeros)', () => {
    const y = reports.get(`${CITIZEN} YEAR`)!;
    expect(figure(y, 'reports.received').current).toBeGreaterThan(0);
    expect(figure(y, 'reception.sessions').current).toBeGreaterThan(0);
    expect(y.tables[0]!.rows.some((x) => x.groupKey)).toBe(true);
    const k = reports.get(`${INSPECTION} YEAR`)!;
    expect(figure(k, 'findings.recorded').current! + figure(k, 'inspections.decided').current!).toBeGreaterThan(0);
  });

  it('counts group complaints (đơn đông người) and the people who filed them, as the records say', async () => {
    const group = `FROM report WHERE group_size IS NOT NULL AND (received_at AT TIME ZONE ${VN})::date BETWEEN $1 AND $2`;
    for (const { p, from, to } of PERIODS) {
      const r = reports.get(`${CITIZEN} ${p.kind}`)!;
      expect(figure(r, 'reports.received.group').current).toBe(await sql(`SELECT count(*)::int AS n ${group}`, [from, to]));
      expect(figure(r, 'reports.received.groupPeople').current).toBe(
        await sql(`SELECT coalesce(sum(group_size), 0)::int AS n ${group}`, [from, to]),
      );
    }
    const y = reports.get(`${CITIZEN} YEAR`)!;
    // The two submitted above: 3 and 5 people, the representatives included.
    expect(figure(y, 'reports.received.group').current).toBeGreaterThanOrEqual(2);
    expect(figure(y, 'reports.received.groupPeople').current).toBeGreaterThanOrEqual(8);
    const res = await t.gql<{ periodicReportRecords: { totalCount: number; nodes: Array<{ id: string }> } }>(
      RECORDS,
      { t: CITIZEN, p: PERIODS[2].p, f: 'reports.received.group', first: 100 },
      sc,
    );
    expect(res.body.errors).toBeUndefined();
    const ids = (await t.owner.query(`SELECT id ${group} ORDER BY id`, ['2026-01-01', '2026-12-31'])) as Array<{ id: string }>;
    expect(res.body.data!.periodicReportRecords.nodes.map((n) => n.id).sort()).toEqual(ids.map((x) => x.id).sort());
    expect(res.body.data!.periodicReportRecords.totalCount).toBe(figure(y, 'reports.received.group').current);
  });

  it('counts, for a unit, the reports concerning its subtree (a unit or a cadre of it named), as the records say', async () => {
    const units = (await t.owner.query(`SELECT id, path FROM unit WHERE depth <= 1 ORDER BY depth, code LIMIT 3`)) as Array<{
      id: string;
      path: string;
    }>;
    // The old definition, a subject's unit (or its cadre's) below the unit, applied to every report.
    const concerns = `EXISTS (SELECT 1 FROM report_subject s LEFT JOIN cadre sc ON sc.id = s.cadre_id
        JOIN unit u ON u.id = coalesce(s.unit_id, sc.unit_id) WHERE s.report_id = r.id AND u.path LIKE $3 || '%')`;
    const day = (col: string) => `(${col} AT TIME ZONE ${VN})::date BETWEEN $1 AND $2`;
    let counted = 0;
    for (const unit of units) {
      const res = await t.gql<{ periodicReport: Report }>(REPORT, { t: CITIZEN, p: PERIODS[2].p, u: unit.id }, sc);
      expect(res.body.errors).toBeUndefined();
      const r = res.body.data!.periodicReport;
      for (const [from, to, side] of [
        ['2026-01-01', '2026-12-31', 'current'],
        ['2025-01-01', '2025-12-31', 'previous'],
      ] as const) {
        const at = [from, to, unit.path];
        const received = await sql(`SELECT count(*)::int AS n FROM report r WHERE ${day('r.received_at')} AND ${concerns}`, at);
        expect(figure(r, 'reports.received')[side]).toBe(received);
        counted += received;
        expect(figure(r, 'reports.received.group')[side]).toBe(
          await sql(
            `SELECT count(*)::int AS n FROM report r WHERE r.group_size IS NOT NULL AND ${day('r.received_at')} AND ${concerns}`,
            at,
          ),
        );
        expect(figure(r, 'reports.accepted')[side]).toBe(
          await sql(`SELECT count(*)::int AS n FROM report r WHERE ${day('r.accepted_at')} AND ${concerns}`, at),
        );
        const moved = (status: string) =>
          sql(
            `SELECT count(DISTINCT r.id)::int AS n FROM report_timeline_entry t JOIN report r ON r.id = t.report_id
              WHERE t.type = 'TRANSITION' AND t.to_status = '${status}' AND ${day('t.at')} AND ${concerns}`,
            at,
          );
        expect(figure(r, 'reports.concluded')[side]).toBe(await moved('CONCLUDED'));
        expect(figure(r, 'reports.answered')[side]).toBe(await moved('CLOSED'));
      }
    }
    expect(counted).toBeGreaterThan(0);
  });

  it('reads a monthly and a yearly report in the same number of statements', async () => {
    const month = await t.gql(REPORT, { t: CITIZEN, p: PERIODS[0].p }, sc);
    const year = await t.gql(REPORT, { t: CITIZEN, p: PERIODS[2].p }, sc);
    expect(month.sql).toBe(year.sql);
    expect(year.sql).toBeLessThanOrEqual(4);
  });

  it('writes the yearly report as an XLSX with the title block, the tables and the signature block', async () => {
    const res = await fetch(`${t.url}/exports/periodic-reports/${CITIZEN}.xlsx?kind=YEAR&year=2026`, {
      headers: { authorization: `Bearer ${sc}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = book.worksheets[0]!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(ws.getCell('A1').value).toBe('ĐẢNG ỦY PHƯỜNG AN BIÊN');
    expect(ws.getCell('C1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(cells).toEqual(expect.arrayContaining(['BÁO CÁO', 'T/M ĐẢNG ỦY', 'BÍ THƯ', 'Nơi nhận:', 'Cùng kỳ năm trước']));
    let received: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Tổng số đơn thư tiếp nhận') received = row;
    });
    const y = reports.get(`${CITIZEN} YEAR`)!;
    expect(received!.getCell(3).value).toBe(figure(y, 'reports.received').current);
    expect(received!.getCell(4).value).toBe(figure(y, 'reports.received').previous);
  });

  it.each(PERIODS)('writes the $name report as an XLSX whose group complaint lines are the report’s', async ({ p }) => {
    const query = `kind=${p.kind}&year=${p.year}${'number' in p ? `&number=${p.number}` : ''}`;
    const res = await fetch(`${t.url}/exports/periodic-reports/${CITIZEN}.xlsx?${query}`, {
      headers: { authorization: `Bearer ${sc}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const byLabel = new Map<string, ExcelJS.Row>();
    book.worksheets[0]!.eachRow((row) => byLabel.set(String(row.getCell(2).value), row));
    const r = reports.get(`${CITIZEN} ${p.kind}`)!;
    for (const code of ['reports.received', 'reports.received.group', 'reports.received.groupPeople']) {
      const row = byLabel.get(figure(r, code).label);
      expect(row).toBeDefined();
      expect([row!.getCell(3).value, row!.getCell(4).value]).toEqual([figure(r, code).current, figure(r, code).previous]);
    }
  });

  it.each([
    [CITIZEN, 'MONTH', 11],
    [CITIZEN, 'QUARTER', 3],
    [CITIZEN, 'YEAR', null],
    [INSPECTION, 'YEAR', null],
  ])('prints the %s %s report as a PDF with an embedded Vietnamese font', async (template, kind, number) => {
    const res = await fetch(
      `${t.url}/exports/periodic-reports/${template}.pdf?kind=${kind}&year=2026${number ? `&number=${number}` : ''}`,
      { headers: { authorization: `Bearer ${sc}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+DejaVuSerif/);
  });

  it('refuses a period that has not ended, in Vietnamese with a reason', async () => {
    const res = await t.gql(REPORT, { t: CITIZEN, p: { kind: 'MONTH', year: 2027, number: 1 } }, sc);
    const err = onlyError(res);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_NOT_ENDED' });
    expect(err.message).toContain('chưa kết thúc');
    const http = await fetch(`${t.url}/exports/periodic-reports/${CITIZEN}.pdf?kind=YEAR&year=2027`, {
      headers: { authorization: `Bearer ${sc}` },
    });
    expect(http.status).toBe(400);
    expect(JSON.stringify(await http.json())).toContain('PERIOD_NOT_ENDED');
  });

  it('refuses an unknown template and a month out of range', async () => {
    expect(onlyError(await t.gql(REPORT, { t: 'NO_SUCH', p: { kind: 'YEAR', year: 2026 } }, sc)).extensions).toMatchObject({
      reason: 'UNKNOWN_TEMPLATE',
    });
    expect(
      onlyError(await t.gql(REPORT, { t: CITIZEN, p: { kind: 'MONTH', year: 2026, number: 13 } }, sc)).extensions,
    ).toMatchObject({
      reason: 'PERIOD_NUMBER',
    });
  });

  it('refuses, when loading templates, a table that names an unknown figure', () => {
    const data = JSON.parse(JSON.stringify(templatesData)) as { templates: Array<{ tables: Array<{ rows: unknown[] }> }> };
    data.templates[0]!.tables[1]!.rows.push({ figure: 'reports.receivd' });
    let caught: unknown;
    try {
      parseReportTemplates(data);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).details['reason']).toBe('UNKNOWN_FIGURE');
    expect((caught as AppError).message).toContain('chỉ số không tồn tại "reports.receivd"');
  });

  it('lists the records behind a figure, all of them for the committee', async () => {
    const y = reports.get(`${CITIZEN} YEAR`)!;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<TestApp['gql']>> = await t.gql(
        RECORDS,
        { t: CITIZEN, p: PERIODS[2].p, f: 'reports.received', first: 100, after },
        sc,
      );
      expect(res.body.errors).toBeUndefined();
      const page = (
        res.body.data as {
          periodicReportRecords: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            nodes: Array<{ kind: string; id: string; label: string }>;
          };
        }
      ).periodicReportRecords;
      expect(page.totalCount).toBe(figure(y, 'reports.received').current);
      for (const n of page.nodes) expect(n.kind).toBe('REPORT');
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(figure(y, 'reports.received').current);
    const inSql = (await t.owner.query(
      `SELECT id FROM report WHERE (received_at AT TIME ZONE ${VN})::date BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY id`,
    )) as Array<{ id: string }>;
    expect([...seen].sort()).toEqual(inSql.map((r) => r.id).sort());
  });

  it('hides from the list, not from the figure, the records the caller is involved in (recusal)', async () => {
    const member = await t.login('uyvien.kiemtra@anbien.test');
    const rows = (await t.owner.query(`SELECT cadre_id FROM account WHERE email = 'uyvien.kiemtra@anbien.test'`)) as Array<{
      cadre_id: string;
    }>;
    const me = rows[0]!.cadre_id;
    const involved = await sql(
      `SELECT count(*)::int AS n FROM report r WHERE (r.received_at AT TIME ZONE ${VN})::date BETWEEN '2026-01-01' AND '2026-12-31'
         AND EXISTS (SELECT 1 FROM report_subject s WHERE s.report_id = r.id AND s.cadre_id = $1)`,
      [me],
    );
    expect(involved).toBeGreaterThan(0);
    const mine = await t.gql<{ periodicReport: Report }>(REPORT, { t: CITIZEN, p: PERIODS[2].p }, member);
    const y = reports.get(`${CITIZEN} YEAR`)!;
    expect(figure(mine.body.data!.periodicReport, 'reports.received').current).toBe(figure(y, 'reports.received').current);
    const list = await t.gql<{ periodicReportRecords: { totalCount: number; nodes: Array<{ id: string }> } }>(
      RECORDS,
      { t: CITIZEN, p: PERIODS[2].p, f: 'reports.received', first: 100 },
      member,
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.periodicReportRecords.totalCount).toBe(figure(y, 'reports.received').current! - involved);
    const hidden = (await t.owner.query(`SELECT report_id FROM report_subject WHERE cadre_id = $1`, [me])) as Array<{
      report_id: string;
    }>;
    for (const n of list.body.data!.periodicReportRecords.nodes) expect(hidden.map((h) => h.report_id)).not.toContain(n.id);
  });

  it('lets no VIEWER or INTAKE_STAFF read the report, and no UNIT_HEAD list records', async () => {
    for (const role of [Role.VIEWER, Role.INTAKE_STAFF])
      expect(onlyError(await t.gql(REPORT, { t: CITIZEN, p: PERIODS[2].p }, await t.tokenFor(role))).extensions?.['code']).toBe(
        'FORBIDDEN',
      );
    const head = await t.tokenFor(Role.UNIT_HEAD);
    expect(
      onlyError(await t.gql(RECORDS, { t: CITIZEN, p: PERIODS[2].p, f: 'reports.received' }, head)).extensions?.['code'],
    ).toBe('FORBIDDEN');
    const res = await fetch(`${t.url}/exports/periodic-reports/${CITIZEN}.xlsx?kind=YEAR&year=2026`, {
      headers: { authorization: `Bearer ${await t.tokenFor(Role.VIEWER)}` },
    });
    expect(res.status).toBe(403);
  });

  it('prepares each ended period’s draft once, with a "Báo cáo kỳ này đã sẵn sàng" item on the board', async () => {
    const job = t.app.services.periodicReportScheduler;
    const [first, again] = [await job.runOnce('2027-01-01'), await job.runOnce('2027-01-01')];
    // December, the fourth quarter and the year, for each of the two templates (six and nine months ended too long ago).
    expect(first).toBe(6);
    expect(again).toBe(0);
    const drafts = (await t.owner.query(
      `SELECT template_code, period_kind, year, number, jsonb_array_length(tables) AS tables FROM periodic_report_draft ORDER BY 1, 2`,
    )) as Array<{ template_code: string; period_kind: string; year: number; number: number; tables: number }>;
    expect(drafts.map((d) => `${d.template_code} ${d.period_kind} ${d.year} ${d.number}`)).toEqual([
      `${CITIZEN} MONTH 2026 12`,
      `${CITIZEN} QUARTER 2026 4`,
      `${CITIZEN} YEAR 2026 0`,
      `${INSPECTION} MONTH 2026 12`,
      `${INSPECTION} QUARTER 2026 4`,
      `${INSPECTION} YEAR 2026 0`,
    ]);
    expect(drafts.every((d) => d.tables > 0)).toBe(true);
    const events = (await t.owner.query(`SELECT payload FROM outbox_event WHERE type = 'PERIODIC_REPORT_READY'`)) as Array<{
      payload: { title: string };
    }>;
    expect(events).toHaveLength(6);
    for (const e of events) expect(e.payload.title).toMatch(/^Báo cáo kỳ này đã sẵn sàng: /);
  });
  it('lists the prepared drafts (bản dự thảo), newest first, a page at a time, to whoever reads periodic reports', async () => {
    const DRAFTS = `query($first: Int, $after: String, $t: String) { periodicReportDrafts(first: $first, after: $after, template: $t) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id template templateVersion periodKind year number periodLabel from to preparedAt unitId } } } }`;
    interface Draft {
      id: string;
      template: string;
      periodKind: string;
      year: number;
      number: number | null;
      periodLabel: string;
      from: string;
      to: string;
      preparedAt: string;
      unitId: string | null;
    }
    type Page = {
      periodicReportDrafts: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ cursor: string; node: Draft }>;
      };
    };
    const seen: Draft[] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<TestApp['gql']>> = await t.gql(DRAFTS, { first: 4, after }, sc);
      expect(res.body.errors).toBeUndefined();
      const page = (res.body.data as Page).periodicReportDrafts;
      expect(page.totalCount).toBe(6);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const rows = (await t.owner.query(
      `SELECT id, template_code, period_kind, year, number, period_from::text AS from FROM periodic_report_draft ORDER BY prepared_at DESC, id DESC`,
    )) as Array<{ id: string; template_code: string; period_kind: string; year: number; number: number; from: string }>;
    expect(seen.map((d) => d.id)).toEqual(rows.map((r) => r.id));
    for (const [i, d] of seen.entries()) {
      expect([d.template, d.periodKind, d.year, d.number ?? 0, d.from]).toEqual([
        rows[i]!.template_code,
        rows[i]!.period_kind,
        rows[i]!.year,
        rows[i]!.number,
        rows[i]!.from,
      ]);
      expect(d.unitId).toBeNull();
    }
    expect(seen.find((d) => d.periodKind === 'QUARTER')!.periodLabel).toBe('quý IV năm 2026');
    const only = await t.gql<Page>(DRAFTS, { first: 10, t: INSPECTION }, await t.tokenFor(Role.UNIT_HEAD));
    expect(only.body.errors).toBeUndefined();
    expect(only.body.data!.periodicReportDrafts.edges.map((e) => e.node.template)).toEqual([INSPECTION, INSPECTION, INSPECTION]);
    // The readers of periodicReport, and no one else.
    for (const role of [Role.VIEWER, Role.INTAKE_STAFF])
      expect(onlyError(await t.gql(DRAFTS, { first: 10 }, await t.tokenFor(role))).extensions?.['code']).toBe('FORBIDDEN');
    for (const role of [Role.STANDING_COMMITTEE, Role.INSPECTION_COMMITTEE, Role.UNIT_HEAD])
      expect((await t.gql(DRAFTS, { first: 1 }, await t.tokenFor(role))).body.errors).toBeUndefined();
    expect(onlyError(await t.gql(DRAFTS, { first: 10 })).extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(onlyError(await t.gql(DRAFTS, { first: 10, after: 'not-a-cursor' }, sc)).extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
