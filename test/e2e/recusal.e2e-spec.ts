import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, type GraphQLNamedType, type GraphQLSchema, isInputObjectType, isObjectType } from 'graphql';
import { Role } from '../../src/common/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Recusal (issue 21, item 1): an account linked to cadre C reads nothing of, and cannot act on,
 * the reports naming C, the inspections of C, the findings about C, C's discipline cases and
 * commendations, whatever its role and whatever the path. The paths are read from the schema.
 */
const CANARY = 'CANARY-7f3a';
const RECUSABLE = new Set(['Report', 'Inspection', 'Finding', 'DisciplineCase', 'Commendation']);
/** The register: its routes to the items are its supervision records, covered by name below. */
const REGISTER = new Set(['Cadre', 'Unit']);
/** The press article of the fixtures (found again under another variant of its address). */
const PRESS_URL = 'https://thanhnien.example/can-bo-nhan-tien-canary.htm';

const schema: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** Object types that carry an item without passing through the register (connections, edges, records, traces, plans). */
function carriers(): Set<string> {
  const out = new Set<string>(RECUSABLE);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t) || t.name.startsWith('__') || out.has(t.name) || REGISTER.has(t.name)) continue;
      if (t === schema.getMutationType() || t === schema.getQueryType() || t === schema.getSubscriptionType()) continue;
      if (Object.values(t.getFields()).some((f) => out.has(getNamedType(f.type).name))) {
        out.add(t.name);
        grew = true;
      }
    }
  }
  return out;
}

/** Every `Type.field` (Query and object types, not Mutation) whose type carries an item. */
function readPaths(): string[] {
  const carrying = carriers();
  const paths: string[] = [];
  for (const t of Object.values(schema.getTypeMap())) {
    if (!isObjectType(t) || t.name.startsWith('__') || t === schema.getMutationType()) continue;
    for (const f of Object.values(t.getFields()))
      if (carrying.has(getNamedType(f.type).name) && !RECUSABLE.has(t.name)) paths.push(`${t.name}.${f.name}`);
  }
  return paths.sort();
}

/** Does an input type (or argument) name one of the items by id? */
function namesItem(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (!isInputObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  const ownId = /Report|Inspection(?!Plan)|Finding|Discipline|Commendation|FollowUp|Notification|Redaction|Extend/.test(
    type.name,
  );
  return Object.values(type.getFields()).some(
    (f) =>
      /^(reportId|inspectionId|findingId|caseId|mergeInto|reportIds)$/.test(f.name) ||
      (f.name === 'id' && ownId) ||
      namesItem(getNamedType(f.type), seen),
  );
}

/** Intake: these create a new report and name no existing item. */
const INTAKE = new Set(['recordReport', 'recordPressReport', 'submitReport']);

/** Every mutation that returns an item or names one by id. */
function writePaths(): string[] {
  const m = schema.getMutationType()!;
  return Object.values(m.getFields())
    .filter((f) => !INTAKE.has(f.name))
    .filter((f) => RECUSABLE.has(getNamedType(f.type).name) || f.args.some((a) => namesItem(getNamedType(a.type))))
    .map((f) => `Mutation.${f.name}`)
    .sort();
}

const REPORT_F = `id title content concernedText conclusion publicReply timeline { note } attachments { id fileName }`;
const INSPECTION_F = `id title conclusion cancelReason`;
const FINDING_F = `id description evidence`;
const CASE_F = `id violationSummary explanation selfCriticism`;
const COMMENDATION_F = `id reason`;
const ENTRY_F = `id type status report { ${REPORT_F} } inspection { ${INSPECTION_F} } finding { ${FINDING_F} inspection { ${INSPECTION_F} } }
  disciplineCase { ${CASE_F} } commendation { ${COMMENDATION_F} }`;
const RECORD = `supervisionRecord(first: 8) { nodes { ${ENTRY_F} } edges { node { id report { id title } } } }`;

interface Ids {
  cadre: string;
  unit: string;
  parentUnit: string;
  report: string;
  complaint: string;
  inspection: string;
  otherInspection: string;
  finding: string;
  caseId: string;
  commendation: string;
  /** A report naming nobody, into which a duplicate naming C was merged. */
  host: string;
}

/** A document for each read path, and the paths it walks. */
const THIS_YEAR = new Date().getUTCFullYear();
/** The records behind a periodic report's figure (ids and labels only, so not a path the schema walk finds). */
const periodicRecords = (template: string, figure: string) =>
  `periodicReportRecords(template: "${template}", period: { kind: YEAR, year: ${THIS_YEAR} }, figure: "${figure}", first: 100) { totalCount nodes { kind id label } }`;

function readDocuments(ids: Ids): Array<{ covers: string[]; query: string }> {
  const linked = `triggeredBy { ${REPORT_F} } findings { ${FINDING_F} disciplineCases { ${CASE_F} } }`;
  return [
    {
      covers: ['Query.report', 'Report.trace', 'ReportTrace.inspections', 'ReportTrace.disciplineCases'],
      query: `{ report(id: "${ids.report}") { ${REPORT_F} trace { inspections { ${INSPECTION_F} } disciplineCases { ${CASE_F} } } } }`,
    },
    { covers: [], query: `{ report(id: "${ids.complaint}") { ${REPORT_F} } }` },
    {
      covers: [],
      query: `{ r: ${periodicRecords('CITIZEN_RECEPTION_AND_REPORTS', 'reports.received')}
        a: ${periodicRecords('CITIZEN_RECEPTION_AND_REPORTS', 'reports.accepted')}
        i: ${periodicRecords('INSPECTION_SUPERVISION_DISCIPLINE', 'inspections.decided')}
        f: ${periodicRecords('INSPECTION_SUPERVISION_DISCIPLINE', 'findings.recorded')}
        d: ${periodicRecords('INSPECTION_SUPERVISION_DISCIPLINE', 'discipline.opened')} }`,
    },
    {
      covers: ['Report.mergedReports'],
      query: `{ report(id: "${ids.host}") { id mergedReports { ${REPORT_F} } } }`,
    },
    {
      // The retention review lists and audits reports (kind, dates, rule; never identity): an involved account sees none of its own.
      covers: ['Query.reportsPastRetention', 'Query.retentionDestructions'],
      query: `{ reportsPastRetention { reportId kind closedOn dueOn } retentionDestructions(first: 5) { id reports { reportId } } }`,
    },
    {
      covers: ['Query.pressArticleByUrl'],
      query: `{ pressArticleByUrl(url: "${PRESS_URL.replace('https://', 'http://www.')}?utm_source=zalo") { ${REPORT_F} } }`,
    },
    {
      covers: ['Query.reports', 'ReportConnection.edges', 'ReportEdge.node'],
      query: `{ reports(first: 50) { totalCount edges { node { ${REPORT_F} } } } }`,
    },
    {
      covers: [],
      query: `{ reports(first: 50, filter: { search: "${CANARY}" }) { totalCount edges { node { ${REPORT_F} } } } }`,
    },
    {
      covers: [],
      query: `{ reports(first: 50, filter: { cadreId: "${ids.cadre}" }) { totalCount edges { node { id title } } } }`,
    },
    {
      covers: [],
      query: `{ overdue: reports(first: 50, filter: { overdue: true }) { edges { node { id title } } } soon: reports(first: 50, filter: { dueWithinDays: 60 }) { edges { node { id title } } } }`,
    },
    {
      covers: ['Query.inspection', 'Inspection.triggeredBy', 'Inspection.findings', 'Finding.disciplineCases'],
      query: `{ inspection(id: "${ids.inspection}") { ${INSPECTION_F} internalNotes ${linked} } }`,
    },
    {
      covers: [],
      query: `{ inspection(id: "${ids.otherInspection}") { ${INSPECTION_F} findings { ${FINDING_F} disciplineCases { ${CASE_F} } } } }`,
    },
    {
      covers: [],
      query: `{ inspection(id: "${ids.inspection}") { id followUps { text recordedBy { id displayName } fulfilledBy { id displayName } } } }`,
    },
    {
      covers: [],
      query: `{ report(id: "${ids.report}") { id timeline { note actedBy { id displayName } } attachments { fileName downloadable redactedCopy { id } } } }`,
    },
    {
      covers: [],
      query: `{ commendations(first: 50) { edges { node { id reason recordedBy { id displayName role } } } } }`,
    },
    {
      covers: ['Query.inspections', 'InspectionConnection.edges', 'InspectionEdge.node'],
      query: `{ inspections(first: 50) { totalCount edges { node { ${INSPECTION_F} findings { ${FINDING_F} } } } } }`,
    },
    {
      covers: ['Query.findings', 'FindingConnection.edges', 'FindingEdge.node', 'Finding.inspection'],
      query: `{ findings(first: 50) { totalCount edges { node { ${FINDING_F} inspection { ${INSPECTION_F} } } } } }`,
    },
    {
      covers: ['Query.disciplineCase', 'DisciplineCase.finding'],
      query: `{ disciplineCase(id: "${ids.caseId}") { ${CASE_F} finding { ${FINDING_F} } } }`,
    },
    {
      covers: ['Query.disciplineCases', 'DisciplineCaseConnection.edges', 'DisciplineCaseEdge.node'],
      query: `{ disciplineCases(first: 50) { totalCount edges { node { ${CASE_F} finding { ${FINDING_F} } } } } }`,
    },
    {
      covers: ['Query.commendations', 'CommendationConnection.edges', 'CommendationEdge.node'],
      query: `{ commendations(first: 50) { totalCount edges { node { ${COMMENDATION_F} } } } }`,
    },
    {
      covers: [
        'Cadre.supervisionRecord',
        'SupervisionRecordConnection.nodes',
        'SupervisionRecordConnection.edges',
        'SupervisionRecordEdge.node',
        ...['report', 'inspection', 'finding', 'disciplineCase', 'commendation'].map((f) => `SupervisionRecordEntry.${f}`),
      ],
      query: `{ cadre(id: "${ids.cadre}") { id ${RECORD} } }`,
    },
    {
      covers: ['Unit.supervisionRecord'],
      query: `{ own: unit(id: "${ids.unit}") { ${RECORD} } parent: unit(id: "${ids.parentUnit}") { ${RECORD} } }`,
    },
    {
      covers: [],
      query: `{ own: unit(id: "${ids.unit}") { supervisionRecord(first: 5, includeDescendants: false) { nodes { ${ENTRY_F} } } } }`,
    },
    {
      covers: ['Query.inspectionPlans', 'InspectionPlan.items', 'PlanItem.inspection'],
      query: `{ inspectionPlans(year: ${new Date().getFullYear()}) { items { inspection { ${INSPECTION_F} } } } }`,
    },
    {
      covers: [],
      query: `{ latestBoardEvents(count: 100) { events { type reportId inspectionId findingId disciplineCaseId payload } } }`,
    },
    { covers: [], query: `{ board { recentEvents { type reportId inspectionId findingId disciplineCaseId payload } } }` },
    // The daily reminder digest (ids, redacted titles, stages, due dates; prepared in beforeAll).
    { covers: [], query: `{ myReminderDigest { day overdueCount dueSoonCount items { type id title stage dueOn } } }` },
    { covers: [], query: `mutation { runReminderDigests { day recipients prepared } }` },
  ];
}

describe('recusal: an account linked to a cadre reads and touches nothing of its own cases', () => {
  let t: TestApp;
  let ids: Ids;
  const tokens = new Map<Role, string>();
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.app.dataSource.query(sql, params)) as T[];

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, token);
    if (res.body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data!;
  };

  /** The rows the writes could touch, to prove afterwards that nothing changed. */
  const snapshot = () =>
    q(
      `SELECT (SELECT json_agg(r ORDER BY r.id) FROM (SELECT id, version, status, handler_id, due_at FROM report) r) AS reports,
              (SELECT json_agg(i ORDER BY i.id) FROM (SELECT id, version, status, internal_notes, leader_id, member_ids FROM inspection) i) AS inspections,
              (SELECT count(*) FROM finding) AS findings, (SELECT count(*) FROM follow_up_item) AS follow_ups,
              (SELECT json_agg(d ORDER BY d.id) FROM (SELECT id, version, status FROM discipline_case) d) AS cases,
              (SELECT json_agg(m ORDER BY m.id) FROM (SELECT id, version, reason FROM commendation) m) AS commendations,
              (SELECT count(*) FROM report_timeline_entry) AS timeline,
              (SELECT json_agg(s ORDER BY s.id) FROM (SELECT id, report_id, cadre_id, unit_id FROM report_subject) s) AS subjects`,
    );

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    // This year's periodic reports can be asked for (they refuse a period not yet ended).
    t.app.services.periodicReports.today = () => `${THIS_YEAR + 1}-01-05`;
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [head] = await q<{ unit_id: string }>(`SELECT unit_id FROM account WHERE role = 'UNIT_HEAD' LIMIT 1`);
    // C: a full Party member without a management post, in the demo unit head's units, with a colleague.
    const [c] = await q<{ id: string; unit_id: string; parent_id: string; colleague: string }>(
      `SELECT c.id, c.unit_id, u.parent_id,
              (SELECT c2.id FROM cadre c2 WHERE c2.unit_id = c.unit_id AND c2.id <> c.id AND c2.status = 'ACTIVE' AND c2.party_member ORDER BY c2.full_name LIMIT 1) AS colleague
         FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id
        WHERE c.party_member AND c.civil_service_category = 'CIVIL_SERVANT' AND NOT p.is_management AND c.status = 'ACTIVE'
          AND (c.party_joined_on IS NULL OR c.party_joined_on < now() - interval '2 years') AND u.parent_id IS NOT NULL
          AND u.path LIKE (SELECT path FROM unit WHERE id = $1) || '%'
          AND EXISTS (SELECT 1 FROM cadre c2 WHERE c2.unit_id = c.unit_id AND c2.id <> c.id AND c2.status = 'ACTIVE' AND c2.party_member)
        ORDER BY c.full_name LIMIT 1`,
      [head!.unit_id],
    );
    const record = async (kind: string, title: string) => {
      await ok(
        `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
        {
          i: {
            kind,
            field: 'LAND',
            source: 'CITIZEN',
            channel: 'MAIL',
            title,
            content: `Nội dung ${CANARY}: cán bộ nhận tiền để cấp giấy chứng nhận.`,
            reporter: { fullName: 'Nguyễn Văn Tâm' },
            concerns: { cadreIds: [c!.id], unitIds: [] },
          },
        },
        ic,
      );
      return (await q<{ id: string }>(`SELECT id FROM report WHERE title = $1`, [title]))[0]!.id;
    };
    const report = await record('DENUNCIATION', `Tố cáo ${CANARY}`);
    const complaint = await record('COMPLAINT', `Khiếu nại ${CANARY}`);
    // A press article naming C: the desk's duplicate check must not tell an involved account of it.
    await ok(
      `mutation($i: RecordPressReportInput!) { recordPressReport(input: $i) { id } }`,
      {
        i: {
          outlet: 'Báo Thanh Niên',
          articleTitle: `Bài báo ${CANARY}`,
          url: PRESS_URL,
          publishedOn: '2026-01-05',
          excerpt: `Trích đoạn ${CANARY}: cán bộ nhận tiền.`,
          field: 'LAND',
          concerns: { cadreIds: [c!.id], unitIds: [] },
        },
      },
      await t.tokenFor(Role.INTAKE_STAFF),
    );
    // A duplicate naming C merged into a report naming nobody: the host links back to it (mergedReports).
    await ok(
      `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'FEEDBACK',
          field: 'LAND',
          source: 'CITIZEN',
          channel: 'MAIL',
          title: 'Phản ánh chậm cấp giấy chứng nhận',
          content: 'Hồ sơ cấp giấy chứng nhận nộp từ lâu chưa có kết quả.',
        },
      },
      ic,
    );
    const host = (await q<{ id: string }>(`SELECT id FROM report WHERE title = 'Phản ánh chậm cấp giấy chứng nhận'`))[0]!.id;
    const duplicate = await record('FEEDBACK', `Phản ánh trùng ${CANARY}`);
    await ok(
      `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id } }`,
      { i: { id: duplicate, version: 1, to: 'MERGED', mergeInto: host } },
      ic,
    );
    const create = async (subjectCadreId: string, title: string, reportIds: string[]) =>
      (
        await ok<{ createInspection: { id: string } }>(
          `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id } }`,
          {
            i: {
              kind: 'SIGNS_OF_VIOLATION',
              title,
              subjectType: 'CADRE',
              subjectCadreId,
              periodFrom: '2025-01-01',
              periodTo: '2025-12-31',
              areas: ['CORRUPTION'],
              reportIds,
            },
          },
          ic,
        )
      ).createInspection.id;
    const inspection = await create(c!.id, `Kiểm tra ${CANARY}`, [report]);
    const otherInspection = await create(c!.colleague, 'Kiểm tra đồng nghiệp', []);
    await ok(
      `mutation($i: SetInspectionNotesInput!) { setInspectionNotes(input: $i) { id } }`,
      { i: { id: inspection, version: 1, internalNotes: `Ghi chú nội bộ ${CANARY}` } },
      ic,
    );
    // Findings are recorded during an inspection in progress; written directly here, the workflow is not under test.
    const [finding] = await q<{ id: string }>(
      `INSERT INTO finding (inspection_id, description, area, severity, concerned_cadre_ids, recommendation)
       VALUES ($1, $2, 'CORRUPTION', 'VIOLATION', ARRAY[$3]::uuid[], 'PROPOSE_DISCIPLINE'),
              ($4, $5, 'CORRUPTION', 'VIOLATION', '{}', 'PROPOSE_DISCIPLINE') RETURNING id`,
      [otherInspection, `Phát hiện về C ${CANARY}`, c!.id, inspection, `Phát hiện trong cuộc kiểm tra C ${CANARY}`],
    );
    // A fulfilled recommendation of C's inspection, recorded by the committee member (the workflow is not under test).
    await q(
      `INSERT INTO follow_up_item (inspection_id, text, due_on, fulfilled_on, recorded_by, fulfilled_by)
       SELECT $1, $2, '2026-03-01', '2026-02-01', a.id, a.id FROM account a WHERE a.email = 'kiemtra@anbien.test'`,
      [inspection, `Kiến nghị ${CANARY}`],
    );
    const caseId = (
      await ok<{ openDisciplineCase: { id: string } }>(
        `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { id } }`,
        {
          i: {
            subjectType: 'PARTY_MEMBER_FULL',
            cadreId: c!.id,
            reportId: report,
            violationSummary: `Vi phạm ${CANARY}`,
            violationDate: '2025-09-15',
          },
        },
        ic,
      )
    ).openDisciplineCase.id;
    const commendation = (
      await ok<{ recordCommendation: { id: string } }>(
        `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id } }`,
        {
          i: {
            cadreId: c!.id,
            form: 'COMMENDATION_PAPER',
            level: 'WARD',
            decisionNumber: '9/QĐ-UBND',
            decisionDate: '2025-06-01',
            issuingBody: 'Ủy ban nhân dân phường',
            reason: `Khen ${CANARY}`,
          },
        },
        ic,
      )
    ).recordCommendation.id;
    ids = {
      cadre: c!.id,
      unit: c!.unit_id,
      parentUnit: c!.parent_id,
      report,
      complaint,
      inspection,
      otherInspection,
      finding: finding!.id,
      caseId,
      commendation,
      host,
    };
    // Today's reminder digests, prepared while nobody is linked to C: the committee member's lists
    // the canary reports (due tomorrow, handled by it), and must stop showing them once it is.
    await q(
      `UPDATE report SET handler_id = (SELECT id FROM account WHERE email = 'kiemtra@anbien.test'), due_at = now() + interval '1 day'
        WHERE id = ANY($1) AND status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`,
      [[report]],
    );
    await t.app.services.reminderScheduler.prepareDay(t.app.services.reminders.today(), new Date());
    const digest = await ok<{ myReminderDigest: { items: Array<{ title: string }> } }>(
      `{ myReminderDigest { items { title } } }`,
      {},
      ic,
    );
    expect(JSON.stringify(digest)).toContain(CANARY);
  });
  afterAll(() => t.stop());

  it('has a document for every path of the schema that reaches a report, inspection, finding, case or commendation', () => {
    const covered = new Set(readDocuments({} as Ids).flatMap((d) => d.covers));
    const missing = readPaths().filter((p) => !covered.has(p) && !p.startsWith('Mutation.'));
    expect(missing.map((p) => `new field ${p} reaches an item: add it to the recusal test`)).toEqual([]);
    const writes = new Set(Object.keys(writeDocuments({} as Ids)));
    expect(
      writePaths()
        .filter((p) => !writes.has(p))
        .map((p) => `new mutation ${p} acts on an item: add it to the recusal test`),
    ).toEqual([]);
  });

  it('shows the canary to an account that is not involved (the documents reach the items)', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    let seen = 0;
    for (const d of readDocuments(ids)) if (JSON.stringify((await t.gql(d.query, {}, ic)).body).includes(CANARY)) seen++;
    expect(seen).toBeGreaterThanOrEqual(12);
  });

  it('names the staff who recorded a follow-up, its fulfilment and a commendation to staff, and to no reporter', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [me] = await q<{ id: string; display_name: string }>(
      `SELECT id, display_name FROM account WHERE email = 'kiemtra@anbien.test'`,
    );
    const who = { id: me!.id, displayName: me!.display_name };
    const inspection = await ok<{ inspection: { followUps: unknown[] } }>(
      `{ inspection(id: "${ids.inspection}") { followUps { recordedBy { id displayName } fulfilledBy { id displayName } } } }`,
      {},
      ic,
    );
    expect(inspection.inspection.followUps).toEqual([{ recordedBy: who, fulfilledBy: who }]);
    const listed = await ok<{ commendations: { edges: Array<{ node: { id: string; recordedBy: unknown } }> } }>(
      `{ commendations(first: 50) { edges { node { id recordedBy { id displayName role } } } } }`,
      {},
      ic,
    );
    expect(listed.commendations.edges.find((e) => e.node.id === ids.commendation)?.node.recordedBy).toEqual({
      ...who,
      role: 'INSPECTION_COMMITTEE',
    });
    // The reporter's page reaches no staff account (no token: every StaffActor is null, the rest refused).
    const anonymous = await t.gql(`{ commendations(first: 5) { edges { node { recordedBy { id } } } } }`);
    expect(anonymous.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous.body)).not.toContain(me!.id);
  });

  describe('once every account is linked to the cadre', () => {
    beforeAll(async () => {
      await q(`UPDATE account SET cadre_id = $1`, [ids.cadre]);
      for (const role of Object.values(Role)) tokens.set(role, await t.tokenFor(role));
    });

    it.each(Object.values(Role))('%s reads nothing of the items on any path', async (role) => {
      const itemIds = [ids.report, ids.complaint, ids.inspection, ids.finding, ids.caseId, ids.commendation];
      for (const d of readDocuments(ids)) {
        const res = await t.gql(d.query, {}, tokens.get(role)!);
        const body = JSON.stringify(res.body);
        expect({ query: d.query.slice(0, 80), leaked: body.includes(CANARY) }).toEqual({
          query: d.query.slice(0, 80),
          leaked: false,
        });
        const data = JSON.stringify(res.body.data ?? null);
        for (const id of itemIds)
          expect({ query: d.query.slice(0, 80), id, listed: data.includes(id) }).toMatchObject({ listed: false });
        for (const e of res.body.errors ?? [])
          expect(`${String(e.extensions?.['code'])} ${e.message} in ${d.query.slice(0, 80)}`).toMatch(/^(FORBIDDEN|NOT_FOUND) /);
      }
    });

    it.each(Object.values(Role))('%s can do nothing to the items, and nothing is written', async (role) => {
      const before = await snapshot();
      for (const [name, [query, variables]] of Object.entries(writeDocuments(ids))) {
        const res = await t.gql(query, variables, tokens.get(role)!);
        // A list of report ids answers BAD_USER_INPUT for an unknown one: a hidden report is unknown.
        const allowed = name === 'Mutation.recordReceptionSession' ? /^(FORBIDDEN|BAD_USER_INPUT)$/ : /^(FORBIDDEN|NOT_FOUND)$/;
        expect({ name, errors: (res.body.errors ?? []).map((e) => e.extensions?.['code']) }).toEqual({
          name,
          errors: [expect.stringMatching(allowed)],
        });
        expect(JSON.stringify(res.body)).not.toContain(CANARY);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses to assign an involved committee member as the handler: FORBIDDEN, reason RECUSED', async () => {
      // The assigner is not involved; the member it names is linked to the cadre the report names.
      await q(`UPDATE account SET cadre_id = NULL WHERE role = 'INSPECTION_COMMITTEE'`);
      const [member] = await q<{ id: string }>(
        `INSERT INTO account (email, display_name, role, password_hash, disabled, token_version, version, cadre_id)
         SELECT 'uykt2@anbien.test', 'Ủy viên UBKT', role, password_hash, false, 0, 1, $1 FROM account WHERE role = 'INSPECTION_COMMITTEE' LIMIT 1
         RETURNING id`,
        [ids.cadre],
      );
      const [r] = await q<{ version: number }>(`SELECT version FROM report WHERE id = $1`, [ids.complaint]);
      const res = await t.gql(
        `mutation($i: AssignReportInput!) { assignReport(input: $i) { id handler { id } } }`,
        { i: { id: ids.complaint, version: r!.version, handlerId: member!.id } },
        tokens.get(Role.INSPECTION_COMMITTEE)!,
      );
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECUSED' });
      expect(
        (await q<{ handler_id: string | null }>(`SELECT handler_id FROM report WHERE id = $1`, [ids.complaint]))[0]!.handler_id,
      ).toBeNull();
      await q(`UPDATE account SET cadre_id = $1`, [ids.cadre]);
    });
  });
});

/** Every mutation that acts on an item, with the item's ids; each must be refused for an involved account. */
function writeDocuments(ids: Ids): Record<string, [string, Record<string, unknown>]> {
  const v = 1;
  return {
    'Mutation.transitionReport': [
      `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id title } }`,
      { i: { id: ids.report, version: v, to: 'CLASSIFIED' } },
    ],
    'Mutation.destroyReportsPastRetention': [
      `mutation($i: DestroyReportsPastRetentionInput!) { destroyReportsPastRetention(input: $i) { alreadyDestroyed destruction { id } } }`,
      { i: { reportIds: [ids.report] } },
    ],
    'Mutation.assignReport': [
      `mutation($i: AssignReportInput!) { assignReport(input: $i) { id title } }`,
      { i: { id: ids.complaint, version: v, handlerId: '00000000-0000-4000-8000-000000000000' } },
    ],
    'Mutation.extendReportDeadline': [
      `mutation($i: ExtendReportInput!) { extendReportDeadline(input: $i) { id title } }`,
      { i: { id: ids.report, version: v, days: 10, reason: 'Phức tạp' } },
    ],
    'Mutation.askReporter': [
      `mutation($id: ID!) { askReporter(reportId: $id, question: "Xin bổ sung?") { id title } }`,
      { id: ids.report },
    ],
    'Mutation.correctReport': [
      `mutation($i: CorrectReportInput!) { correctReport(input: $i) { id title } }`,
      { i: { id: ids.report, version: v, concernedCadreIds: [], concernedUnitIds: [ids.unit], reason: 'Gỡ tên khỏi đơn' } },
    ],
    'Mutation.requestIdentityAccess': [
      `mutation($id: ID!) { requestIdentityAccess(reportId: $id, reason: "Cần liên hệ người tố cáo để xác minh thêm.") { id } }`,
      { id: ids.report },
    ],
    'Mutation.markReportRedactions': [
      `mutation($i: MarkRedactionsInput!) { markReportRedactions(input: $i) { id title } }`,
      { i: { id: ids.report, version: v, ranges: [{ start: 0, end: 3 }] } },
    ],
    'Mutation.createInspection': [
      `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id title } }`,
      {
        i: {
          kind: 'SIGNS_OF_VIOLATION',
          title: 'Kiểm tra lại',
          subjectType: 'CADRE',
          subjectCadreId: ids.cadre,
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          areas: ['CORRUPTION'],
          reportIds: [],
        },
      },
    ],
    'Mutation.updateInspection': [
      `mutation($i: UpdateInspectionInput!) { updateInspection(input: $i) { id title } }`,
      { i: { id: ids.inspection, version: 2, title: 'Đổi tên' } },
    ],
    'Mutation.setInspectionNotes': [
      `mutation($i: SetInspectionNotesInput!) { setInspectionNotes(input: $i) { id } }`,
      { i: { id: ids.inspection, version: 2, internalNotes: 'ghi đè' } },
    ],
    'Mutation.setInspectionTeam': [
      `mutation($i: SetInspectionTeamInput!) { setInspectionTeam(input: $i) { id } }`,
      { i: { id: ids.inspection, version: 2, leaderId: ids.cadre, memberIds: [] } },
    ],
    'Mutation.transitionInspection': [
      `mutation($i: TransitionInspectionInput!) { transitionInspection(input: $i) { id } }`,
      { i: { id: ids.inspection, version: 2, to: 'CANCELLED', reason: 'Hủy' } },
    ],
    'Mutation.recordFinding': [
      `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { id } }`,
      {
        i: {
          inspectionId: ids.otherInspection,
          description: 'Tự ghi',
          area: 'CORRUPTION',
          severity: 'VIOLATION',
          concernedCadreIds: [ids.cadre],
          concernedUnitIds: [],
          recommendation: 'PROPOSE_DISCIPLINE',
        },
      },
    ],
    'Mutation.addFollowUp': [
      `mutation($i: AddFollowUpInput!) { addFollowUp(input: $i) { id } }`,
      { i: { inspectionId: ids.inspection, text: 'Khắc phục', dueOn: '2026-12-31' } },
    ],
    'Mutation.fulfilFollowUp': [
      `mutation($i: FulfilFollowUpInput!) { fulfilFollowUp(input: $i) { id } }`,
      { i: { id: '00000000-0000-4000-8000-000000000000', fulfilledOn: '2026-01-01', note: 'xong' } },
    ],
    'Mutation.openDisciplineCase': [
      `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { id } }`,
      { i: { subjectType: 'PARTY_MEMBER_FULL', cadreId: ids.cadre, violationSummary: 'Tự mở', violationDate: '2025-09-15' } },
    ],
    'Mutation.transitionDisciplineCase': [
      `mutation($i: TransitionDisciplineCaseInput!) { transitionDisciplineCase(input: $i) { id } }`,
      { i: { id: ids.caseId, version: v, to: 'DROPPED', reason: 'Bỏ' } },
    ],
    'Mutation.markDisciplineNotificationSent': [
      `mutation($i: MarkNotificationSentInput!) { markDisciplineNotificationSent(input: $i) { id } }`,
      { i: { id: '00000000-0000-4000-8000-000000000000', sentOn: '2026-01-01', reference: 'CV 1' } },
    ],
    'Mutation.recordCommendation': [
      `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id } }`,
      {
        i: {
          cadreId: ids.cadre,
          form: 'COMMENDATION_PAPER',
          level: 'WARD',
          decisionNumber: '10/QĐ',
          decisionDate: '2025-06-02',
          issuingBody: 'UBND phường',
          reason: 'Tự khen',
        },
      },
    ],
    'Mutation.recordReceptionSession': [
      `mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id } }`,
      {
        i: {
          kind: 'CITIZEN_RECEPTION',
          heldOn: '2026-01-05',
          receiverCadreIds: [],
          citizenCount: 1,
          summary: 'Tiếp công dân',
          reportIds: [ids.report],
        },
      },
    ],
    'Mutation.correctDecision': [
      `mutation($i: CorrectDecisionInput!) { correctDecision(input: $i) { id oldValue } }`,
      {
        i: { itemType: 'INSPECTION', id: ids.inspection, version: 2, field: 'DECISION_NUMBER', value: '99-QĐ', reason: 'Sửa' },
      },
    ],
    'Mutation.withdrawFinding': [
      `mutation($i: WithdrawFindingInput!) { withdrawFinding(input: $i) { id description } }`,
      { i: { id: ids.finding, reason: 'Ghi nhầm' } },
    ],
    'Mutation.updateCommendation': [
      `mutation($i: UpdateCommendationInput!) { updateCommendation(input: $i) { id reason } }`,
      { i: { id: ids.commendation, version: v, reason: 'Đổi lý do khen thưởng' } },
    ],
  };
}
