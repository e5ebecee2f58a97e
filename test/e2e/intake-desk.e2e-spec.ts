import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/role.enum';
import { audit } from '../support/axe';
import { launchChromium } from '../support/browser';
import { DEMO_EMAIL, DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

/**
 * The intake desk (/board#tiep-nhan) in Debian's chromium against the real server and
 * PostgreSQL: the intake staff record a press article (and see the duplicate before saving when
 * the same article comes back under another address) and a phone call; the Inspection Committee
 * classifies and assigns them from the queue with the keyboard; a second page with the live board
 * sees each step. Every request stays on the origin; axe-core finds nothing serious on the desk.
 */

jest.setTimeout(150_000);

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestApp({ seed: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

function foreign(urls: string[], origin: string): string[] {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`${wsOrigin}/`) && u !== origin && u !== wsOrigin);
}

async function open(urls: string[], bypassCSP = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', bypassCSP });
  context.on('request', (r) => urls.push(r.url()));
  context.on('page', (p) => p.on('websocket', (ws) => urls.push(ws.url())));
  const page = await context.newPage();
  return { context, page };
}

async function signIn(page: Page, role: Role, path = '/board#tiep-nhan') {
  await page.goto(`${t.url}${path}`);
  await page.fill('input[name=email]', DEMO_EMAIL[role]);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
}

const stripAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

const item = (page: Page, title: string) => page.locator('[data-testid=desk-item]', { hasText: title });

describe('the intake desk', () => {
  it('records a press article (the duplicate shown before saving) and a phone call, then the committee classifies, assigns and links them, live on the board', async () => {
    const urls: string[] = [];
    const [cadre] = (await t.app.dataSource.query(
      `SELECT id, full_name FROM cadre WHERE status = 'ACTIVE' ORDER BY full_name LIMIT 1`,
    )) as Array<{ id: string; full_name: string }>;

    // The live board, open on another page (the committee).
    const board = await open(urls);
    await signIn(board.page, Role.INSPECTION_COMMITTEE, '/board');
    await board.page.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 15_000 });

    // The intake staff: the desk is their first view.
    const staff = await open(urls);
    const page = staff.page;
    await signIn(page, Role.INTAKE_STAFF, '/board');
    await page.waitForSelector('[data-testid=desk-queue]');
    expect(await page.textContent('[data-testid=desk-shortcuts]')).toContain('Phân loại');
    // Classify and assign are the committee's: no such buttons for the intake staff.
    expect(await page.$('[data-testid=desk-classify]')).toBeNull();

    // A press article, naming a cadre found by name typed without accents.
    const pressTitle = 'Cán bộ phường chậm trả hồ sơ đất đai';
    const articleUrl = 'https://tuoitre.example/can-bo-phuong-cham-tra-ho-so-20261201.htm';
    await page.fill('input[name=outlet]', 'Báo Tuổi Trẻ');
    await page.fill('input[name=articleTitle]', pressTitle);
    await page.fill('input[name=url]', articleUrl);
    await page.fill('textarea[name=excerpt]', 'Người dân phản ánh hồ sơ cấp giấy chứng nhận bị trả chậm nhiều tuần.');
    await page.selectOption('[data-testid=press-field]', 'LAND');
    await page.fill('[data-testid=concern-search]', stripAccents(cadre!.full_name).toLowerCase());
    await page.click(`[data-testid=concern-found] >> text=${cadre!.full_name}`);
    expect(await page.textContent('[data-testid=concern-chosen]')).toContain(cadre!.full_name);
    await page.click('[data-testid=press-submit]:not([disabled])');
    await page.waitForSelector(`[data-testid=desk-notice]:has-text("${pressTitle}")`);
    await item(page, pressTitle).waitFor();
    const pressId = await item(page, pressTitle).getAttribute('data-report-id');
    expect(await item(page, pressTitle).locator('[data-testid=desk-deadline]').textContent()).toMatch(
      /^Hạn \d\d\/\d\d\/\d{4} · còn \d+ ngày$/,
    );
    await board.page.waitForSelector(
      `[data-testid=feed-item][data-report-id="${pressId}"][data-event-type=PRESS_REPORT_RECORDED]`,
      {
        timeout: 10_000,
      },
    );

    // The same article under another address: shown before saving, and saving is not offered.
    await page.fill('input[name=outlet]', 'Báo Tuổi Trẻ');
    await page.fill('input[name=articleTitle]', `${pressTitle} (bản di động)`);
    await page.fill(
      'input[name=url]',
      'http://www.m.tuoitre.example/can-bo-phuong-cham-tra-ho-so-20261201.htm?utm_source=zalo#top',
    );
    await page.waitForSelector(`[data-testid=press-duplicate][data-report-id="${pressId}"]`);
    expect(await page.textContent('[data-testid=press-duplicate]')).toContain(pressTitle);
    expect(await page.isDisabled('[data-testid=press-submit]')).toBe(true);
    await page.fill('input[name=url]', 'https://tuoitre.example/bai-khac-20261202.htm');
    await page.waitForSelector('[data-testid=press-duplicate]', { state: 'detached' });

    // A phone call.
    const phoneTitle = 'Gọi điện phản ánh thái độ cán bộ một cửa';
    await page.click('[data-testid=intake-PHONE]');
    await page.selectOption('[data-testid=call-field]', 'CADRE_ATTITUDE');
    await page.fill('input[name=title]', phoneTitle);
    await page.fill('textarea[name=content]', 'Bà gọi điện phản ánh cán bộ bộ phận một cửa nói năng thiếu tôn trọng.');
    await page.click('[data-testid=call-submit]');
    await page.waitForSelector('[data-testid=desk-notice]:has-text("Mã tra cứu")');
    await item(page, phoneTitle).waitFor();
    const phoneId = await item(page, phoneTitle).getAttribute('data-report-id');
    expect(await item(page, phoneTitle).textContent()).toContain('Điện thoại');
    await board.page.waitForSelector(`[data-testid=feed-item][data-report-id="${phoneId}"][data-event-type=REPORT_RECEIVED]`, {
      timeout: 10_000,
    });

    // The committee on the desk: classify both with the keyboard, assign the press article.
    const member = await open(urls);
    await signIn(member.page, Role.INSPECTION_COMMITTEE);
    const m = member.page;
    await m.waitForSelector(`[data-testid=desk-item][data-report-id="${phoneId}"]`);
    // Newest first: the phone call, then the article.
    expect(await m.getAttribute('[data-testid=desk-item] >> nth=0', 'data-report-id')).toBe(phoneId);
    // Select the first item (focus on the list, not in a field, so the keys are shortcuts).
    await m.click('[data-testid=desk-item] >> nth=0 >> button');
    await m.keyboard.press('c');
    await m.waitForSelector(`[data-testid=desk-item][data-report-id="${phoneId}"][data-status=CLASSIFIED]`);
    await m.keyboard.press('j');
    expect(await m.textContent('[data-testid=desk-current]')).toBe(pressTitle);
    await m.keyboard.press('c');
    await m.waitForSelector(`[data-testid=desk-item][data-report-id="${pressId}"][data-status=CLASSIFIED]`);
    await m.keyboard.press('a');
    await m.waitForSelector('[data-testid=desk-handler-select]');
    await m.click('[data-testid=desk-assign-confirm]');
    await m.waitForSelector(`[data-testid=desk-item][data-report-id="${pressId}"] [data-testid=desk-handler]:has-text("Xử lý:")`);
    expect(await m.$$('[data-testid=desk-error]')).toEqual([]);
    for (const id of [pressId, phoneId])
      await board.page.waitForSelector(`[data-testid=feed-item][data-report-id="${id}"][data-event-type=REPORT_STATUS_CHANGED]`, {
        timeout: 10_000,
      });

    // The phone call named nobody: link the cadre to it (l), found by a name typed without accents.
    await m.keyboard.press('k');
    expect(await m.textContent('[data-testid=desk-current]')).toBe(phoneTitle);
    await m.keyboard.press('l');
    await m.waitForSelector('[data-testid=desk-link-form]');
    await m.fill('[data-testid=desk-link-form] [data-testid=concern-search]', stripAccents(cadre!.full_name).toLowerCase());
    await m.click(`[data-testid=desk-link-form] [data-testid=concern-found] >> text=${cadre!.full_name}`);
    await m.fill('[data-testid=desk-link-reason]', 'Người gọi tả đúng cán bộ bộ phận một cửa này.');
    await m.click('[data-testid=desk-link-confirm]');
    await m.waitForSelector(`[data-testid=desk-notice]:has-text("${phoneTitle}")`);
    await board.page.waitForSelector(`[data-testid=feed-item][data-report-id="${phoneId}"][data-event-type=REPORT_CORRECTED]`, {
      timeout: 10_000,
    });

    // What the API holds now: both classified, the article assigned and naming the cadre.
    const rows = (await t.app.dataSource.query(
      `SELECT r.id, r.status, r.handler_id, r.channel, array_remove(array_agg(s.cadre_id::text), NULL) AS cadres
         FROM report r LEFT JOIN report_subject s ON s.report_id = r.id WHERE r.id = ANY($1) GROUP BY r.id`,
      [[pressId, phoneId]],
    )) as Array<{ id: string; status: string; handler_id: string | null; channel: string; cadres: string[] }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(pressId!)).toMatchObject({ status: 'CLASSIFIED', channel: 'PRESS_ARTICLE', cadres: [cadre!.id] });
    expect(byId.get(pressId!)!.handler_id).not.toBeNull();
    expect(byId.get(phoneId!)).toMatchObject({ status: 'CLASSIFIED', channel: 'PHONE', handler_id: null, cadres: [cadre!.id] });

    expect(foreign(urls, t.url)).toEqual([]);
    for (const s of [board, staff, member]) await s.context.close();
  });

  it('passes axe-core on the desk with nothing serious or critical, for both roles', async () => {
    const urls: string[] = [];
    for (const role of [Role.INTAKE_STAFF, Role.INSPECTION_COMMITTEE]) {
      const { context, page } = await open(urls, true);
      await signIn(page, role);
      await page.waitForSelector('[data-testid=desk-queue]');
      await page.waitForTimeout(300);
      expect(await audit(page, `desk (${role})`)).toEqual([]);
      await context.close();
    }
    expect(foreign(urls, t.url)).toEqual([]);
  });
});
