import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultWebDir } from '../../src/http/web-pages';
import { Role } from '../../src/common/role.enum';
import { launchChromium } from '../support/browser';
import { DEMO_EMAIL, DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

/**
 * The board page's "Mục tiêu 2030" view in Debian's chromium (playwright-core), against the real
 * server and PostgreSQL with the demo ward's quality records: what it shows is what `targets`
 * answers over HTTP for the same account and year.
 */

jest.setTimeout(90_000);

interface BrowserElement {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: { querySelector(selector: string): BrowserElement | null };
declare const sessionStorage: { getItem(key: string): string | null };
declare const location: { hash: string };
declare const history: { back(): void };

interface Row {
  key: string;
  label: string;
  value: number | null;
  met: boolean | null;
  numerator: number;
  denominator: number;
}
interface Part {
  key: string;
  value: number | null;
  baselineValue: number | null;
  met: boolean | null;
  judged: boolean;
  proxy: boolean;
  numerator: number;
  denominator: number;
}
interface Entry {
  code: string;
  number: number;
  title: string;
  verdict: string | null;
  parts: Part[];
  resolutionStates: { statedCadres: number; countedCadres: number } | null;
  text: string;
  year: number;
  value: number | null;
  target: number | null;
  met: boolean | null;
  comparison: string;
  denominator: number;
  trend: Array<{ year: number; value: number | null }>;
  byBody: Row[];
  byUnit: Row[];
}

const TARGETS = `query($year: Int!) { targets(year: $year) {
  code number title verdict text year value target met comparison denominator
  parts { key value baselineValue met judged proxy numerator denominator } resolutionStates { statedCadres countedCadres }
  trend { year value } byBody { key label value met numerator denominator } byUnit { key label value met numerator denominator }
} }`;

const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const pct = (v: number) => `${PERCENT.format(v)}%`;
const metKey = (met: boolean | null) => (met === null ? 'null' : String(met));
const VERDICT: Record<string, string> = { MET: 'Đạt', PARTLY_MET: 'Đạt một phần', NOT_MET: 'Chưa đạt', null: 'Chưa có số liệu' };
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  const index = path.join(defaultWebDir(), 'board', 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run npm run build first (npm test does)`);
  browser = await launchChromium();
  t = await startTestApp({ seed: true, seedQuality: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${t.url}/board`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=signed-in-as]');
}

/** The page's own token (the account signed in there). */
async function pageToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('giamsat.board.session'));
  return (JSON.parse(raw ?? '{}') as { token: string }).token;
}

async function targetsOverHttp(token: string, year: number): Promise<Entry[]> {
  const res = await t.gql<{ targets: Entry[] }>(TARGETS, { year }, token);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.targets;
}

/** What the view shows for each target card, read from the DOM. */
async function shownCards(page: Page) {
  return page.$$eval('[data-testid=target-card]', (cards) =>
    cards.map((card) => {
      const el = card as unknown as BrowserElement & {
        querySelector(s: string): BrowserElement | null;
        querySelectorAll(s: string): BrowserElement[];
      };
      const rows = (testid: string) =>
        [...el.querySelectorAll(`[data-testid=${testid}] [data-testid=breakdown-row]`)].map((r) => ({
          key: r.dataset['key'],
          met: r.dataset['met'],
        }));
      return {
        code: el.dataset['code'],
        number: Number(el.dataset['number']),
        title: el.querySelector('.target-name')?.textContent ?? '',
        verdict: el.querySelector('[data-testid=target-met]')?.dataset['verdict'],
        parts: [...el.querySelectorAll('[data-testid=target-part]')].map((p) => {
          const part = p as unknown as BrowserElement & { querySelector(s: string): BrowserElement | null };
          return {
            key: part.dataset['key'],
            met: part.dataset['met'],
            value: part.querySelector('[data-testid=part-value]')?.textContent ?? '',
            goal: part.querySelector('[data-testid=part-goal]')?.textContent ?? '',
            baseline: part.querySelector('[data-testid=part-baseline]')?.textContent ?? '',
            measure: part.querySelector('[data-testid=part-measure]')?.textContent ?? '',
          };
        }),
        stated: el.querySelector('[data-testid=stated-count]')?.textContent ?? null,
        text: el.querySelector('[data-testid=target-text]')?.textContent ?? '',
        value: el.querySelector('[data-testid=target-value]')?.textContent ?? '',
        goal: el.querySelector('[data-testid=target-goal]')?.textContent ?? '',
        met: el.querySelector('[data-testid=target-met]')?.dataset['met'],
        metText: el.querySelector('[data-testid=target-met]')?.textContent ?? '',
        trendPoints: Number(el.querySelector('[data-testid=target-trend]')?.dataset['points']),
        hasCanvas: !!el.querySelector('[data-testid=target-trend] canvas'),
        byBody: rows('by-body'),
        byUnit: rows('by-unit'),
      };
    }),
  );
}

async function expectViewMatches(page: Page, token: string, year: number) {
  await page.waitForSelector(`[data-testid=target-list][data-year="${year}"]`);
  const expected = await targetsOverHttp(token, year);
  const shown = await shownCards(page);
  expect(expected).toHaveLength(7);
  expect(shown.map((c) => c.code)).toEqual(expected.map((e) => e.code));
  expected.forEach((e, i) => {
    const card = shown[i]!;
    expect(card.number).toBe(e.number);
    expect(card.text).toBe(e.text);
    // Every indicator has a value, a target and a met/not-met mark in the demo ward.
    expect(e.value).not.toBeNull();
    expect(e.target).not.toBeNull();
    expect(e.met).not.toBeNull();
    expect(card.value).toBe(pct(e.value!));
    expect(card.goal).toContain(pct(e.target!));
    expect(card.met).toBe(metKey(e.met));
    expect(card.title).toBe(e.title);
    // The verdict is the target's own, judged on each part, each part shown with its 2025 value.
    expect(card.verdict).toBe(e.verdict ?? 'null');
    expect(card.metText).toContain(VERDICT[e.verdict ?? 'null']);
    expect(card.parts.map((p) => p.key)).toEqual(e.parts.map((p) => p.key));
    e.parts.forEach((p, j) => {
      const shownPart = card.parts[j]!;
      expect(shownPart.met).toBe(p.judged ? metKey(p.met) : 'reference');
      expect(shownPart.value).toBe(p.value === null ? '—' : pct(p.value));
      expect(shownPart.baseline).toContain(`Năm 2025: ${p.baselineValue === null ? '—' : pct(p.baselineValue)}`);
      expect(shownPart.measure).toContain('Cách tính:');
      // A proxy says so.
      expect(shownPart.measure.includes('Đo gián tiếp')).toBe(p.proxy);
      expect(shownPart.goal).not.toMatch(/Từ 100% trở lên/);
    });
    expect(card.goal).not.toMatch(/Từ 100% trở lên/);
    if (e.resolutionStates) {
      expect(card.stated).toContain(`Nghị quyết nêu ${e.resolutionStates.statedCadres}`);
      expect(card.stated).toContain(`hồ sơ có ${e.resolutionStates.countedCadres} cán bộ`);
    } else expect(card.stated).toBeNull();
    expect(card.trendPoints).toBe(e.trend.length);
    expect(e.trend.map((p) => p.year).at(-1)).toBe(year);
    expect(card.hasCanvas).toBe(true);
    expect(card.byBody).toEqual(e.byBody.map((r) => ({ key: r.key, met: metKey(r.met) })));
    expect(card.byUnit).toEqual(e.byUnit.slice(0, 5).map((r) => ({ key: r.key, met: metKey(r.met) })));
  });
  // The head counts the targets met.
  const met = expected.filter((e) => e.met).length;
  expect(await page.textContent('[data-testid=targets-score]')).toContain(`Năm ${year}: đạt ${met}/7 chỉ tiêu`);
  return expected;
}

function countSockets(context: BrowserContext): { opened: string[] } {
  const seen = { opened: [] as string[] };
  context.on('page', (p) => p.on('websocket', (ws) => seen.opened.push(ws.url())));
  return seen;
}

describe('the Mục tiêu 2030 view', () => {
  it('shows the Standing Committee the seven targets of each year as targets answers, without touching the live feed', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const sockets = countSockets(context);
    const foreign: string[] = [];
    context.on('request', (r) => !r.url().startsWith(`${t.url}/`) && foreign.push(r.url()));
    try {
      const page = await context.newPage();
      await signIn(page, DEMO_EMAIL[Role.STANDING_COMMITTEE]);
      await page.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 10_000 });
      expect(sockets.opened).toHaveLength(1);
      const token = await pageToken(page);

      await page.click('[data-testid=tab-targets]');
      expect(await page.evaluate(() => location.hash)).toBe('#muc-tieu-2030');
      expect(await page.isVisible('[data-testid=feed]')).toBe(false);
      const current = await expectViewMatches(page, token, thisYear);
      // The demo ward: some targets met, some partly, some not.
      expect(new Set(current.map((e) => e.verdict))).toEqual(new Set(['MET', 'PARTLY_MET', 'NOT_MET']));
      // The 2025 the resolution states: 131 beside the 130 counted.
      expect(current.find((e) => e.code === 'STANDARDS')!.resolutionStates).toEqual({ statedCadres: 131, countedCadres: 130 });

      // A part's figure opens the records it counts: all of its denominator, then those counted.
      const excellent = current.find((e) => e.code === 'RATING')!.parts.find((p) => p.key === 'EXCELLENT')!;
      await page.click(
        '[data-testid=target-card][data-code=RATING] [data-testid=target-part][data-key=EXCELLENT] [data-testid=part-value]',
      );
      await page.waitForSelector('[data-testid=target-records] [data-testid=records-total]');
      expect(await page.textContent('[data-testid=records-total]')).toBe(`${excellent.denominator} hồ sơ`);
      await page.click('[data-testid=records-counted]');
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=records-total]')?.textContent === `${n} hồ sơ được tính`,
        excellent.numerator,
      );
      expect(await page.locator('[data-testid=target-record][data-counted=true]').count()).toBe(excellent.numerator);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=target-records]', { state: 'detached' });

      // A breakdown row opens the records it counts, like the figures: a unit's own, a body's.
      const standards = current.find((e) => e.code === 'STANDARDS')!;
      for (const [list, row] of [
        ['by-unit', standards.byUnit[0]!],
        ['by-body', standards.byBody[0]!],
      ] as const) {
        await page.click(
          `[data-testid=target-card][data-code=STANDARDS] [data-testid=${list}] [data-testid=breakdown-row][data-key="${row.key}"] [data-testid=breakdown-value]`,
        );
        await page.waitForSelector('[data-testid=target-records] [data-testid=records-total]');
        expect(await page.textContent('[data-testid=records-row]')).toBe(row.label);
        expect(await page.textContent('[data-testid=records-total]')).toBe(`${row.denominator} hồ sơ`);
        await page.click('[data-testid=records-counted]');
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid=records-total]')?.textContent === `${n} hồ sơ được tính`,
          row.numerator,
        );
        await page.keyboard.press('Escape');
        await page.waitForSelector('[data-testid=target-records]', { state: 'detached' });
      }

      // The year's figures as XLSX, with the page's own token.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=targets-export]')]);
      expect(download.suggestedFilename()).toBe(`chi-tieu-2030-nam-${thisYear}.xlsx`);
      const file = await download.path();
      expect((await readFile(file)).subarray(0, 2).toString()).toBe('PK');

      // Another year, from the year picker.
      await page.click('[data-testid=year-2025]');
      const first = await expectViewMatches(page, token, 2025);
      expect(first.map((e) => e.value)).not.toEqual(current.map((e) => e.value));

      // All units of a target on request, worst first as the query orders them.
      const card = page.locator('[data-testid=target-card][data-code=STANDARDS]');
      await card.locator('[data-testid=more-units]').click();
      const unitKeys = await card
        .locator('[data-testid=by-unit] [data-testid=breakdown-row]')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as BrowserElement).dataset['key']));
      expect(unitKeys).toEqual(first.find((e) => e.code === 'STANDARDS')!.byUnit.map((r) => r.key));

      // A public report submitted while the view is open reaches the feed on the same socket.
      const title = `Phản ánh khi xem mục tiêu ${Date.now()}`;
      const submitted = await t.gql<{ submitReport: { receiptCode: string } }>(
        'mutation($input: SubmitReportInput!) { submitReport(input: $input) { receiptCode } }',
        { input: { kind: 'FEEDBACK', field: 'ADMINISTRATIVE_PROCEDURE', title, content: `${title}: chờ kết quả đã lâu.` } },
      );
      expect(submitted.body.errors).toBeUndefined();
      await page.click('[data-testid=tab-board]');
      expect(await page.evaluate(() => location.hash)).toBe('');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=feed-item]')?.dataset['eventType'] === 'REPORT_RECEIVED',
        null,
        { timeout: 5_000 },
      );
      expect(await page.isVisible('[data-testid=targets-view]')).toBe(false);

      // Back returns to the targets, with the year chosen; still one WebSocket, still connected.
      await page.evaluate(() => history.back());
      await page.waitForSelector('[data-testid=targets-view]', { state: 'visible' });
      expect(await page.getAttribute('[data-testid=year-2025]', 'aria-pressed')).toBe('true');
      expect(sockets.opened).toHaveLength(1);
      expect(await page.getAttribute('[data-testid=connection]', 'data-state')).toBe('connected');

      // A reload (or a shared link) with the hash opens the view directly.
      await page.reload();
      await page.waitForSelector('[data-testid=targets-view]', { state: 'visible' });
      await expectViewMatches(page, token, thisYear);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows a unit head its own subtree's figures, and says so", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await signIn(page, DEMO_EMAIL[Role.UNIT_HEAD]);
      await page.click('[data-testid=tab-targets]');
      await page.waitForSelector('[data-testid=targets-scope]');
      expect(await page.textContent('[data-testid=targets-scope]')).toContain('đơn vị của tài khoản và các đơn vị trực thuộc');
      const mine = await expectViewMatches(page, await pageToken(page), thisYear);
      const ward = await targetsOverHttp(await t.tokenFor(Role.STANDING_COMMITTEE), thisYear);
      // Scoped for real: the unit head counts part of the ward.
      mine.forEach((e, i) => expect(e.denominator).toBeLessThanOrEqual(ward[i]!.denominator));
      expect(mine[0]!.denominator).toBeLessThan(ward[0]!.denominator);
    } finally {
      await context.close();
    }
  });
});
