import { resolveReportSecrets } from '../../src/app';
import { Role } from '../../src/common/role.enum';
import { IdentityCipher, Keyring } from '../../src/modules/reports/identity-cipher';
import { SealedReportSecrets } from '../../src/modules/reports/reports.policies';
import { reredactReports } from '../../src/modules/reports/reports.reredact';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Re-redaction (`npm run reredact`): reports stored before redaction existed, whose copies the
 * migration could only mark `[đã ẩn]` or leave as written, and reports whose stored identity an
 * operator corrected, get their copies recomputed from the texts and the identity; a second run
 * changes nothing.
 */
describe('re-redaction of reports stored before redaction, or after an identity correction', () => {
  let t: TestApp;
  let secrets: SealedReportSecrets;
  let reportId: string;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];
  const copies = async () =>
    (
      await q<{ title: string; content: string; concerned: string | null; notes: string[] }>(
        `SELECT r.title_redacted AS title, r.content_redacted AS content, r.concerned_text_redacted AS concerned,
                (SELECT array_agg(t.note_redacted ORDER BY t.id) FROM report_timeline_entry t
                  WHERE t.report_id = r.id AND t.note IS NOT NULL) AS notes
           FROM report r WHERE r.id = $1`,
        [reportId],
      )
    )[0]!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const { identityKeys, receiptSecret } = await resolveReportSecrets(t.app.config);
    secrets = new SealedReportSecrets(new IdentityCipher(Keyring.fromConfig(identityKeys)), receiptSecret);
    const intake = await t.tokenFor(Role.INTAKE_STAFF);
    const recorded = await t.gql(
      `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title: 'Ông Trần Văn Lộc tố cáo cán bộ địa chính',
          content: 'Tôi, Tran Van Loc, ở tổ 5, đề nghị kiểm tra cán bộ địa chính nhận tiền.',
          concerns: { cadreIds: [], unitIds: [], text: 'Cán bộ địa chính, ông Lộc biết rõ' },
          reporter: { fullName: 'Trần Văn Lộc', phone: '0912 345 678' },
        },
      },
      intake,
    );
    expect(recorded.body.errors).toBeUndefined();
    reportId = (await q<{ id: string }>(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const { version } = (await q<{ version: number }>(`SELECT version FROM report WHERE id = $1`, [reportId]))[0]!;
    const res = await t.gql(
      `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id } }`,
      { i: { id: reportId, version, to: 'CLASSIFIED', note: 'Ông Lộc gọi lại hỏi tiến độ.' } },
      ic,
    );
    expect(res.body.errors).toBeUndefined();
  }, 240_000);
  afterAll(() => t.stop());

  it('recomputes the copies of a report stored before redaction, then has nothing left to do', async () => {
    const fresh = await copies();
    expect(fresh.title).toBe('Ông [đã ẩn] tố cáo cán bộ địa chính');
    // As the redacted-copies migration left a report with an identity, and its notes as written.
    await q(
      `UPDATE report SET title_redacted = '[đã ẩn]', content_redacted = content, concerned_text_redacted = '[đã ẩn]' WHERE id = $1`,
      [reportId],
    );
    await q(`UPDATE report_timeline_entry SET note_redacted = note WHERE report_id = $1 AND note IS NOT NULL`, [reportId]);
    expect((await copies()).content).toContain('Tran Van Loc');

    const first = await reredactReports(t.owner, secrets, 2);
    expect(first).toMatchObject({ reportsChanged: 1, notesChanged: 1, skipped: 0 });
    expect(first.reports).toBe(Number((await q<{ n: string }>(`SELECT count(*) AS n FROM report`))[0]!.n));
    expect(await copies()).toEqual(fresh);
    expect(await copies()).toEqual({
      title: 'Ông [đã ẩn] tố cáo cán bộ địa chính',
      content: 'Tôi, [đã ẩn], ở tổ 5, đề nghị kiểm tra cán bộ địa chính nhận tiền.',
      concerned: 'Cán bộ địa chính, [đã ẩn] biết rõ',
      notes: ['[đã ẩn] gọi lại hỏi tiến độ.'],
    });
    expect(await reredactReports(t.owner, secrets, 2)).toMatchObject({ reportsChanged: 0, notesChanged: 0, skipped: 0 });
  });

  it('follows an operator’s correction of the stored identity', async () => {
    // The intake typed the name wrong; an operator seals the right one (as the owner, no app path changes identities).
    const sealed = secrets.seal('Trần Văn Lực', 'reporter_identity', 'fullName', reportId);
    await q(`UPDATE reporter_identity SET full_name = $2 WHERE report_id = $1`, [reportId, sealed]);
    await q(`UPDATE report SET content = content || ' Anh Lực có biên bản.' WHERE id = $1`, [reportId]);
    const r = await reredactReports(t.owner, secrets);
    expect(r).toMatchObject({ reportsChanged: 1, skipped: 0 });
    const now = await copies();
    expect(now.content).toMatch(/ \[đã ẩn\] có biên bản\.$/);
    expect(now.content).not.toMatch(/Lực/);
  });
});
