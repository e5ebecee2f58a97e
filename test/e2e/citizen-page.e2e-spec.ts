import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/role.enum';
import { launchChromium } from '../support/browser';
import { rawRequest } from '../support/raw-http';
import { audit as axeAudit } from '../support/axe';
import { startTestApp, type TestApp } from '../support/test-app';
import { todayInVietnam } from '../../src/common/validation';

/**
 * The citizen's door (/gui-don, /tra-cuu) in Debian's chromium against the real server and
 * PostgreSQL: with scripts off, with scripts on (the page's CSP enforced), and once more for
 * axe-core. Every request the pages make is recorded and must stay on the origin.
 */

jest.setTimeout(120_000);

// A 1×1 PNG: the server reads the type from these bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestApp;
let browser: Browser;
let ic: string;
let icId: string;
/** A serving cadre no account is linked to (so the Inspection Committee member of the story is not recused), with a đ in the name. */
let named: { id: string; fullName: string; typed: string };

/** The name as typed on a phone without Vietnamese accents: no marks, đ as d, lower case. */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestApp({ seed: true, env: { REPORT_SUBMITS_PER_HOUR: '12' } });
  ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  icId = (await t.gql<{ me: { id: string } }>('{ me { id } }', {}, ic)).body.data!.me.id;
  const [c] = (await t.app.dataSource.query(
    `SELECT c.id, c.full_name FROM cadre c
      WHERE c.status = 'ACTIVE' AND c.full_name ILIKE '%đ%' AND NOT EXISTS (SELECT 1 FROM account a WHERE a.cadre_id = c.id)
        AND (SELECT count(*) FROM cadre o WHERE o.search_name = c.search_name) = 1
      ORDER BY c.full_name LIMIT 1`,
  )) as Array<{ id: string; full_name: string }>;
  named = { id: c!.id, fullName: c!.full_name, typed: plain(c!.full_name) };
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

interface Session {
  context: BrowserContext;
  page: Page;
  urls: string[];
  consoleErrors: string[];
}

async function open(opts: { javaScriptEnabled: boolean; bypassCSP?: boolean }): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: opts.javaScriptEnabled,
    bypassCSP: opts.bypassCSP ?? false,
    locale: 'vi-VN',
  });
  const urls: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return { context, page, urls, consoleErrors };
}

/** axe-core on the current page: nothing serious or critical. The context must bypass the page's CSP to inject it. */
async function audit(page: Page, where: string) {
  expect(await axeAudit(page, where)).toEqual([]);
}

/** Nothing wider than the 360 px viewport. */
async function fitsNarrowScreen(page: Page) {
  const width = await page.evaluate('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(360);
}

const latestReportId = async () =>
  ((await t.app.dataSource.query(`SELECT id FROM report ORDER BY created_at DESC LIMIT 1`)) as Array<{ id: string }>)[0]!.id;

const REPORT = `query($id: ID!) { report(id: $id) { version } }`;
async function move(id: string, to: string, extra: Record<string, unknown> = {}) {
  const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
  const res = await t.gql(
    `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id } }`,
    { i: { id, version: cur.body.data!.report.version, to, ...extra } },
    ic,
  );
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
}

/**
 * The whole story: a denunciation with evidence and identity (after a mistake), the code
 * written down, a mistyped code, tracking, a question answered, the reply read.
 */
async function story(s: Session, mode: string, check: (where: string) => Promise<void>) {
  const { page, context } = s;
  const title = `Cán bộ địa chính đòi tiền (${mode})`;
  const landing = await page.goto(`${t.url}/gui-don`);
  expect(landing!.status()).toBe(200);
  const headers = landing!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
  expect(await context.cookies()).toEqual([]);
  expect(await page.textContent('h1')).toBe('Gửi đơn đến phường An Biên');
  expect(await page.textContent('body')).toContain('Điều 25');
  await check('landing');

  await page.click('text=Bắt đầu viết đơn');
  await page.waitForURL(`${t.url}/gui-don/viet`);
  const cookies = await context.cookies();
  expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.sameSite])).toEqual([['csrf', '/gui-don', true, 'Strict']]);
  await fitsNarrowScreen(page);
  await check('form');

  // A title too short: the error next to it, the content kept, identity and files not echoed.
  await page.check('#kind-DENUNCIATION');
  await page.selectOption('#field', 'LAND');
  await page.fill('#title', 'ab');
  // The person concerned, found by the name typed without accents (scripts off: the page comes back with the results).
  await page.fill('#concernsSearch', named.typed);
  await page.click('#concerns-find');
  const pick = `#concerns-results input[type=checkbox][value^="CADRE|${named.id}|"]`;
  await page.waitForSelector(pick);
  expect(await page.textContent('#concerns-results')).toContain(named.fullName);
  await check('directory results');
  await page.check(pick);
  await page.fill('#concernsText', 'Ông Lê Văn Bốn, cán bộ địa chính');
  const content = 'Ngày 3/3 ông Bốn đòi 5 triệu đồng mới ký hồ sơ cấp sổ đỏ cho gia đình tôi.';
  await page.fill('#content', content);
  await page.setInputFiles('#file', { name: 'bien-lai.png', mimeType: 'image/png', buffer: PNG });
  await page.fill('#fullName', 'Trần Thị Mười');
  await page.fill('#phone', '0912345678');
  await page.click('button[value=gui]');
  await page.waitForSelector('#title-error');
  expect(await page.textContent('#title-error')).toContain('Tiêu đề cần từ 3 đến 300 ký tự');
  expect(await page.getAttribute('#title', 'aria-invalid')).toBe('true');
  expect(await page.inputValue('#content')).toBe(content);
  expect(await page.inputValue('#concernsText')).toBe('Ông Lê Văn Bốn, cán bộ địa chính');
  expect(await page.isChecked('#kind-DENUNCIATION')).toBe(true);
  // The chosen person stays chosen.
  expect(await page.isChecked(`#concerns-chosen input[type=checkbox][value^="CADRE|${named.id}|"]`)).toBe(true);
  expect(await page.inputValue('#fullName')).toBe('');
  expect(await page.inputValue('#phone')).toBe('');
  expect(await page.content()).not.toContain('Trần Thị Mười');
  expect(await page.content()).not.toContain('0912345678');
  await check('form with errors');

  await page.fill('#title', title);
  await page.fill('#fullName', 'Trần Thị Mười');
  await page.fill('#phone', '0912345678');
  await page.setInputFiles('#file', { name: 'bien-lai.png', mimeType: 'image/png', buffer: PNG });
  await page.click('button[value=gui]');
  await page.waitForSelector('#receipt-code');
  const code = (await page.textContent('#receipt-code'))!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-.$/);
  expect(await page.textContent('body')).toContain('cách duy nhất');
  expect(await page.textContent('body')).toContain('1 tệp đã lưu');
  // The form is sent: its cookie is gone.
  expect(await context.cookies()).toEqual([]);
  await check('receipt');

  const id = await latestReportId();
  // As the owner: row-level security shows the app role no evidence without an acting account.
  const [stored] = (await t.owner.query(
    `SELECT r.title, r.kind, r.treated_as_information, count(f.id)::int AS files FROM report r LEFT JOIN evidence_file f ON f.report_id = r.id WHERE r.id = $1 GROUP BY r.id`,
    [id],
  )) as Array<{ title: string; kind: string; treated_as_information: boolean; files: number }>;
  expect(stored).toEqual({ title, kind: 'DENUNCIATION', treated_as_information: false, files: 1 });
  // The chosen cadre is the report's subject, beside the description.
  const subjects = (await t.owner.query(`SELECT cadre_id, unit_id FROM report_subject WHERE report_id = $1`, [id])) as Array<{
    cadre_id: string | null;
    unit_id: string | null;
  }>;
  expect(subjects).toEqual([{ cadre_id: named.id, unit_id: null }]);
  const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
  await t.gql(
    'mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }',
    { i: { id, version: cur.body.data!.report.version, handlerId: icId } },
    ic,
  );
  const asked = await t.gql(
    'mutation($id: ID!, $q: String!) { askReporter(reportId: $id, question: $q) { id } }',
    { id, q: 'Ông Bốn đòi tiền ở đâu, có ai chứng kiến?' },
    ic,
  );
  expect(asked.body.errors).toBeUndefined();

  // A mistyped code is answered as the API answers an unknown one.
  await page.goto(`${t.url}/tra-cuu`);
  const last = code.at(-2) === 'A' ? 'B' : 'A';
  await page.fill('#receiptCode', `${code.slice(0, -2)}${last}${code.slice(-1)}`);
  const wrong = page.waitForResponse((r) => r.url() === `${t.url}/tra-cuu` && r.request().method() === 'POST');
  await page.click('button[type=submit]');
  expect((await wrong).status()).toBe(404);
  await page.waitForSelector('#receiptCode-error');
  expect(await page.textContent('#receiptCode-error')).toContain('Không tìm thấy đơn với mã này');
  await check('lookup with error');

  await page.fill('#receiptCode', code.toLowerCase().replace(/-/g, ' '));
  const tracked = page.waitForResponse((r) => r.url() === `${t.url}/tra-cuu` && r.request().method() === 'POST');
  await page.click('button[type=submit]');
  expect((await tracked).headers()['cache-control']).toBe('no-store');
  await page.waitForSelector('#status');
  expect(await page.textContent('#status')).toContain('Đã tiếp nhận');
  expect(await page.textContent('body')).toContain('Ông Bốn đòi tiền ở đâu, có ai chứng kiến?');
  await fitsNarrowScreen(page);
  await check('tracking');

  await page.fill('#text', 'Tại nhà ông Bốn tối 3/3, có em trai tôi chứng kiến.');
  await page.click('form[action="/tra-cuu/tra-loi"] button[type=submit]');
  await page.waitForSelector('text=Đã gửi trả lời của bạn');
  expect(await page.textContent('.messages')).toContain('Tại nhà ông Bốn tối 3/3');
  await check('answered');

  await page.setInputFiles('#file', { name: 'anh-2.png', mimeType: 'image/png', buffer: PNG });
  await page.click('form[action="/tra-cuu/chung-cu"] button[type=submit]');
  await page.waitForSelector('text=Đã lưu 1 tệp chứng cứ');

  await move(id, 'CLASSIFIED');
  await move(id, 'ACCEPTED', { complexity: 'ORDINARY' });
  await move(id, 'UNDER_VERIFICATION');
  await move(id, 'CONCLUDED', { outcome: 'FOUNDED', conclusion: 'Tố cáo đúng.' });
  await move(id, 'CLOSED', { publicReply: 'Nội dung tố cáo đúng; phường đã xử lý cán bộ theo quy định.' });
  await page.goto(`${t.url}/tra-cuu`);
  await page.fill('#receiptCode', code);
  await page.click('button[type=submit]');
  await page.waitForSelector('#reply');
  expect(await page.textContent('#reply')).toBe('Nội dung tố cáo đúng; phường đã xử lý cán bộ theo quy định.');
  expect(await page.textContent('#status')).toContain('Đã trả lời');
  // What the law says the reporter must be told: the acceptance, conclusion and reply days.
  for (const id of ['#accepted-on', '#concluded-on', '#replied-on'])
    expect(await page.textContent(id)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  await check('closed');

  const foreign = s.urls.filter((u) => !u.startsWith(`${t.url}/`));
  expect(foreign).toEqual([]);
}

describe('the citizen’s page', () => {
  it('lets a citizen with scripts off submit with evidence and identity, keep the code, track, answer and read the reply', async () => {
    const s = await open({ javaScriptEnabled: false });
    try {
      await story(s, 'không JavaScript', async () => undefined);
      // No script ran, so only documents were fetched (and the style sheet).
      expect(s.urls.every((u) => !u.endsWith('.js'))).toBe(true);
    } finally {
      await s.context.close();
    }
  });

  it('works the same with scripts on, under its CSP, with nothing blocked', async () => {
    const s = await open({ javaScriptEnabled: true });
    try {
      await story(s, 'có JavaScript', async () => undefined);
      expect(s.urls.some((u) => /\/gui-don\/assets\/citizen-[0-9a-f]{12}\.js$/.test(u))).toBe(true);
      // The 400 and 404 answers of the story's mistakes are logged too; only a CSP refusal would be a defect.
      expect(s.consoleErrors.filter((m) => !/status of (400|404)/.test(m))).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it('passes axe-core on every page with no serious or critical violation (CSP bypassed only to inject axe)', async () => {
    const s = await open({ javaScriptEnabled: true, bypassCSP: true });
    try {
      await story(s, 'axe', (where) => audit(s.page, where));
      for (const path of ['/gui-don/lich-tiep-dan', '/gui-don/khao-sat']) {
        await s.page.goto(`${t.url}${path}`);
        await audit(s.page, path);
      }
    } finally {
      await s.context.close();
    }
  });

  it('checks files with scripts on before sending: an oversized file is named at once', async () => {
    const s = await open({ javaScriptEnabled: true });
    try {
      await s.page.goto(`${t.url}/gui-don/viet`);
      await s.page.setInputFiles('#file', {
        name: 'video-lon.mp4',
        mimeType: 'video/mp4',
        buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
      });
      expect(await s.page.textContent('#file-js-error')).toContain('video-lon.mp4');
    } finally {
      await s.context.close();
    }
  });
});

describe('naming whom a report concerns, with scripts on', () => {
  it('shows the directory’s results as one types, keeps the chosen file and each ticked entry, and submits them as subjects', async () => {
    const s = await open({ javaScriptEnabled: true });
    try {
      const { page } = s;
      await page.goto(`${t.url}/gui-don/viet`);
      await page.setInputFiles('#file', { name: 'anh.png', mimeType: 'image/png', buffer: PNG });
      const url = page.url();
      await page.locator('#concernsSearch').pressSequentially(named.typed.slice(0, 12));
      await page.fill('#concernsSearch', named.typed);
      const pick = `#concerns-results input[type=checkbox][value^="CADRE|${named.id}|"]`;
      await page.waitForSelector(pick);
      // No page load: the file is still chosen.
      expect(page.url()).toBe(url);
      expect(await page.evaluate('document.getElementById("file").files.length')).toBe(1);
      await page.check(pick);
      // A second search: the ticked person moves to the chosen list, the unit is ticked from the new results.
      await page.fill('#concernsSearch', 'uy ban nhan dan');
      await page.press('#concernsSearch', 'Enter');
      const unit = '#concerns-results input[type=checkbox][value^="UNIT|"]';
      await page.waitForSelector(unit);
      expect(await page.isChecked(`#concerns-chosen input[type=checkbox][value^="CADRE|${named.id}|"]`)).toBe(true);
      const unitId = (await page.getAttribute(unit, 'value'))!.split('|')[1]!;
      await page.check(unit);
      await page.check('#kind-FEEDBACK');
      await page.selectOption('#field', 'CADRE_ATTITUDE');
      await page.fill('#title', 'Thái độ tiếp dân chưa đúng mực');
      await page.fill('#content', 'Khi tôi đến nộp hồ sơ, cán bộ trả lời cộc lốc và không hướng dẫn.');
      await page.check('#identity-no');
      await page.click('button[value=gui]');
      await page.waitForSelector('#receipt-code');
      expect(await page.textContent('body')).toContain('1 tệp đã lưu');
      const subjects = (await t.owner.query(
        `SELECT cadre_id, unit_id FROM report_subject WHERE report_id = $1 ORDER BY cadre_id NULLS LAST`,
        [await latestReportId()],
      )) as Array<{ cadre_id: string | null; unit_id: string | null }>;
      expect(subjects).toEqual([
        { cadre_id: named.id, unit_id: null },
        { cadre_id: null, unit_id: unitId },
      ]);
      expect(s.urls.filter((u) => !u.startsWith(`${t.url}/`))).toEqual([]);
      expect(s.consoleErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});

describe('the satisfaction survey on the citizen’s page', () => {
  let receipts = 0;
  /** A completed procedure recorded at the one-stop shop: its receipt's survey code. */
  async function procedure(): Promise<{ id: string; surveyCode: string }> {
    const pb = await t.tokenFor(Role.PARTY_BUILDING);
    const [unit] = (await t.app.dataSource.query(
      `SELECT id FROM unit WHERE body = 'GOVERNMENT' ORDER BY path LIMIT 1`,
    )) as Array<{
      id: string;
    }>;
    receipts += 1;
    const res = await t.gql<{ recordProcedureCase: { id: string; surveyCode: string } }>(
      `mutation($i: RecordProcedureCaseInput!) { recordProcedureCase(input: $i) { id surveyCode } }`,
      {
        i: {
          receiptNumber: `MC-2026-${String(receipts).padStart(6, '0')}`,
          procedureName: 'Đăng ký khai sinh',
          completedOn: todayInVietnam(),
          unitId: unit!.id,
        },
      },
      pb,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.recordProcedureCase;
  }

  const send = async (page: Page) => {
    const answered = page.waitForResponse((r) => r.url() === `${t.url}/gui-don/khao-sat` && r.request().method() === 'POST');
    await page.click('form[action="/gui-don/khao-sat"] button[type=submit]');
    return (await answered).status();
  };

  it.each([
    ['off', false],
    ['on', true],
  ])('takes an answer with the survey code from the receipt, once, with scripts %s', async (_mode, javaScriptEnabled) => {
    const proc = await procedure();
    const s = await open({ javaScriptEnabled });
    try {
      const { page, context } = s;
      await page.goto(`${t.url}/gui-don/khao-sat`);
      expect(await page.textContent('h1')).toBe('Khảo sát mức độ hài lòng');
      await fitsNarrowScreen(page);
      // A guessed code: refused next to the field, the choices kept, nothing stored.
      const guessed = `${proc.surveyCode.slice(0, -1)}${proc.surveyCode.endsWith('A') ? 'B' : 'A'}`;
      await page.fill('#surveyCode', guessed);
      await page.check('#score-4');
      await page.fill('#comment', 'Cán bộ hướng dẫn tận tình.');
      expect(await send(page)).toBe(404);
      expect(await page.textContent('#surveyCode-error')).toContain('Không tìm thấy hồ sơ với mã khảo sát này');
      expect(await page.isChecked('#score-4')).toBe(true);
      expect(await page.inputValue('#comment')).toBe('Cán bộ hướng dẫn tận tình.');

      // The real code, typed loosely: lower case, spaces for hyphens.
      await page.fill('#surveyCode', proc.surveyCode.toLowerCase().replace(/-/g, ' '));
      expect(await send(page)).toBe(200);
      expect(await page.textContent('h1')).toBe('Cảm ơn bạn');
      expect(await context.cookies()).toEqual([]);
      const stored = (await t.owner.query(
        `SELECT score, comment, channel FROM satisfaction_result WHERE procedure_case_id = $1`,
        [proc.id],
      )) as Array<{ score: number; comment: string; channel: string }>;
      expect(stored).toEqual([{ score: 4, comment: 'Cán bộ hướng dẫn tận tình.', channel: 'PUBLIC' }]);

      // One answer per procedure.
      await page.goto(`${t.url}/gui-don/khao-sat`);
      await page.fill('#surveyCode', proc.surveyCode);
      await page.check('#score-1');
      expect(await send(page)).toBe(409);
      expect(await page.textContent('#error-summary')).toContain('Hồ sơ này đã được đánh giá');
      expect(s.urls.filter((u) => !u.startsWith(`${t.url}/`))).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it('passes axe-core with an error shown', async () => {
    const s = await open({ javaScriptEnabled: true, bypassCSP: true });
    try {
      await s.page.goto(`${t.url}/gui-don/khao-sat`);
      await s.page.fill('#surveyCode', 'ABCD');
      await s.page.check('#score-3');
      expect(await send(s.page)).toBe(404);
      await s.page.waitForSelector('#surveyCode-error');
      await audit(s.page, 'survey with errors');
    } finally {
      await s.context.close();
    }
  });
});

/** A form opened over plain HTTP: its token and cookie. */
async function openForm(path: string) {
  const res = await fetch(`${t.url}${path}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const token = /name="csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, token };
}

function submission(token: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  const fields = {
    csrf: token,
    kind: 'FEEDBACK',
    field: 'OTHER',
    title: 'Đèn đường hỏng',
    content: 'Đèn đường tổ 4 hỏng đã hai tuần.',
    identity: 'no',
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

const reportCount = async () =>
  Number(((await t.app.dataSource.query(`SELECT count(*) AS n FROM report`)) as Array<{ n: string }>)[0]!.n);

describe('bad input on the citizen’s page', () => {
  it('names an oversized file and a file of the wrong type, keeps the text, and stores nothing', async () => {
    const before = await reportCount();
    const { cookie, token } = await openForm('/gui-don/viet');
    const big = submission(token, { fullName: 'Nguyễn Văn Một', identity: 'yes' });
    big.append('file', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)]), 'ghi-am.mp3');
    const tooBig = await fetch(`${t.url}/gui-don/viet`, { method: 'POST', body: big, headers: { cookie } });
    expect(tooBig.status).toBe(413);
    const page = await tooBig.text();
    expect(page).toMatch(/<p class="error" id="file-error">Tệp ghi-am\.mp3 lớn hơn giới hạn 10 MiB/);
    expect(page).toContain('Đèn đường tổ 4 hỏng đã hai tuần.');
    expect(page).not.toContain('Nguyễn Văn Một');

    const wrong = submission(token);
    wrong.append('file', new Blob([Buffer.from('đây không phải PDF')]), 'don.pdf');
    const wrongType = await fetch(`${t.url}/gui-don/viet`, { method: 'POST', body: wrong, headers: { cookie } });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toMatch(/id="file-error">Tệp don\.pdf không thuộc loại được nhận/);
    expect(await reportCount()).toBe(before);
  });

  it('refuses a post without the form’s cookie (another site’s form) and keeps what was typed', async () => {
    const before = await reportCount();
    const { token } = await openForm('/gui-don/viet');
    const res = await fetch(`${t.url}/gui-don/viet`, { method: 'POST', body: submission(token) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Biểu mẫu đã hết hạn');
    expect(await reportCount()).toBe(before);
  });

  it('submits nothing when the connection drops mid-upload', async () => {
    const before = await reportCount();
    const { cookie, token } = await openForm('/gui-don/viet');
    const boundary = 'cut-here-123';
    const head = [
      ...Object.entries({
        csrf: token,
        kind: 'FEEDBACK',
        field: 'OTHER',
        title: 'Bị cắt',
        content: 'Kết nối bị cắt khi tải lên.',
        identity: 'no',
      }).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ].join('');
    await rawRequest(
      t.url,
      '/gui-don/viet',
      {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(Buffer.byteLength(head) + 100_000),
        cookie,
      },
      async (socket) => {
        socket.write(head);
        socket.write(PNG);
        await new Promise((r) => setTimeout(r, 100));
        socket.destroy();
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await reportCount()).toBe(before);
  });

  it('says a rate limit as a plain sentence with the waiting time', async () => {
    const { cookie, token } = await openForm('/gui-don/viet');
    let last: Response | undefined;
    for (let i = 0; i < 15; i++) {
      last = await fetch(`${t.url}/gui-don/viet`, {
        method: 'POST',
        body: submission(token, { title: `Phản ánh số ${i}` }),
        headers: { cookie },
      });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(await last!.text()).toMatch(/Bạn đã gửi quá nhiều lần từ mạng này\. Hãy thử lại sau khoảng \d+ phút\./);
  });
});
