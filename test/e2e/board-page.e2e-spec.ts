import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { defaultWebDir } from '../../src/http/web-pages';
import { Role } from '../../src/common/role.enum';
import { launchChromium } from '../support/browser';
import { DEMO_EMAIL, DEMO_PASSWORD, startTestApp, type TestApp } from '../support/test-app';

/**
 * The board page (/board) and GraphiQL (GET /graphql) in Debian's chromium, driven by
 * playwright-core, against the real server and PostgreSQL. Not skipped when chromium is
 * missing: launchChromium() fails with what to install.
 */

jest.setTimeout(90_000);

// The functions given to page.evaluate and waitForFunction run in the browser: the few browser
// globals they use (the project's TypeScript has no DOM library).
interface BrowserElement {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}
declare const document: {
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): Iterable<BrowserElement>;
};
declare const sessionStorage: { getItem(key: string): string | null };
declare const localStorage: { length: number };
declare const window: { dispatchEvent(event: unknown): boolean };
declare const Event: new (type: string) => unknown;

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  for (const page of ['board', 'graphiql']) {
    const index = path.join(defaultWebDir(), page, 'index.html');
    if (!existsSync(index)) throw new Error(`${index} is missing: run npm run build first (npm test does)`);
  }
  browser = await launchChromium();
  // Not the default 3 days: the page must take the server's due-soon threshold.
  t = await startTestApp({ seed: true, seedReports: true, env: { BOARD_DUE_SOON_DAYS: '5' } });
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** Every request a context makes (pages, workers, WebSockets), to prove nothing leaves the origin. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  context.on('page', (p) => p.on('websocket', (ws) => urls.push(ws.url())));
  return urls;
}

function foreign(urls: string[], origin: string): string[] {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`${wsOrigin}/`) && u !== origin && u !== wsOrigin);
}

async function signIn(page: Page, email = DEMO_EMAIL[Role.INSPECTION_COMMITTEE], password = DEMO_PASSWORD) {
  await page.goto(`${t.url}/board`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

async function submitPublicReport(title: string): Promise<void> {
  const res = await t.gql<{ submitReport: { receiptCode: string } }>(
    'mutation($input: SubmitReportInput!) { submitReport(input: $input) { receiptCode } }',
    {
      input: {
        kind: 'FEEDBACK',
        field: 'ADMINISTRATIVE_PROCEDURE',
        title,
        content: `${title}: hồ sơ nộp đã hai tuần chưa có kết quả.`,
      },
    },
  );
  expect(res.body.errors).toBeUndefined();
}

/** The id of the newest report with this title, as the committee sees it. */
async function reportIdByTitle(title: string): Promise<string> {
  const token = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  const res = await t.gql<{ reports: { edges: Array<{ node: { id: string; title: string } }> } }>(
    '{ reports(first: 20) { edges { node { id title } } } }',
    {},
    token,
  );
  const found = res.body.data?.reports.edges.find((e) => e.node.title === title);
  if (!found) throw new Error(`no report titled ${title}: ${JSON.stringify(res.body)}`);
  return found.node.id;
}

/**
 * Every GraphQL answer the page gets that carries errors, over HTTP and WebSocket (a refused
 * subscription is an `error` message). `settled()` waits for the HTTP bodies read so far.
 */
function refusals(page: Page): { list: string[]; settled(): Promise<void> } {
  const list: string[] = [];
  const reading: Array<Promise<void>> = [];
  page.on('response', (r) => {
    if (!r.url().endsWith('/graphql') || r.request().method() !== 'POST') return;
    reading.push(
      r.text().then(
        (body) => {
          if (body.includes('"errors"')) list.push(`${r.request().postData() ?? ''} → ${body}`);
        },
        () => undefined,
      ),
    );
  });
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const m = JSON.parse(String(f.payload)) as { type: string; payload?: unknown };
      if (m.type === 'error' || (m.type === 'next' && JSON.stringify(m.payload).includes('"errors"')))
        list.push(String(f.payload));
    }),
  );
  return { list, settled: async () => void (await Promise.all(reading)) };
}

const feedIds = (page: Page) =>
  page.$$eval('[data-testid=feed-item]', (items) => items.map((i) => (i as unknown as BrowserElement).dataset['eventId'] ?? ''));
const counter = async (page: Page, id: string) =>
  Number((await page.textContent(`[data-testid=counter-${id}-value]`))?.replace(/\D/g, '') ?? NaN);

describe('serving', () => {
  it('serves the built page with a same-origin policy, revalidated, and its hashed assets for a year', async () => {
    const res = await fetch(`${t.url}/board`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
    const html = await res.text();
    // Nothing in the page itself points at another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const asset = html.match(/src="(\/board\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${t.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${t.url}/board/assets/nope.js`)).status).toBe(404);
  });
});

describe('the board page', () => {
  it('signs in with the login mutation, keeps the token in sessionStorage only, and stays signed in on reload', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signIn(page, DEMO_EMAIL[Role.INSPECTION_COMMITTEE], 'not-the-password');
      await page.waitForSelector('[data-testid=login-error]');
      expect(await page.textContent('[data-testid=login-error]')).toContain('Email hoặc mật khẩu không đúng');

      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=signed-in-as]');
      const stored = await page.evaluate(() => ({
        session: sessionStorage.getItem('giamsat.board.session'),
        local: localStorage.length,
      }));
      expect(JSON.parse(stored.session ?? '{}')).toMatchObject({
        email: DEMO_EMAIL[Role.INSPECTION_COMMITTEE],
        role: 'INSPECTION_COMMITTEE',
      });
      expect(stored.local).toBe(0);
      // The header: the ward's Party committee above, then who signed in. The demo account is the
      // deputy chair of the Inspection Committee: the person's name, then the role and the post.
      const [person] = (await t.app.dataSource.query(
        `SELECT c.full_name, p.name AS post, u.name AS unit FROM account a JOIN cadre c ON c.id = a.cadre_id
           JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id WHERE a.email = $1`,
        [DEMO_EMAIL[Role.INSPECTION_COMMITTEE]],
      )) as Array<{ full_name: string; post: string; unit: string }>;
      expect(person!.post).toBe('Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy');
      expect(await page.textContent('.brand-overline')).toBe('Đảng ủy phường An Biên');
      expect(await page.textContent('[data-testid=signed-in-as]')).toBe(person!.full_name);
      expect(await page.textContent('[data-testid=signed-in-role]')).toBe(
        `Ủy ban Kiểm tra Đảng ủy · ${person!.post}, ${person!.unit}`,
      );

      await page.reload();
      await page.waitForSelector('[data-testid=signed-in-as]');
      expect(await page.$('[data-testid=login-form]')).toBeNull();

      await page.click('text=Đăng xuất');
      await page.waitForSelector('[data-testid=login-form]');
      expect(await page.evaluate(() => sessionStorage.getItem('giamsat.board.session'))).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('names in the header the person who signed in, with their role and post, when the account is linked to a cadre', async () => {
    const context = await browser.newContext();
    try {
      const [member] = (await t.app.dataSource.query(
        `SELECT c.full_name, p.name AS post, u.name AS unit FROM account a JOIN cadre c ON c.id = a.cadre_id
           JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id WHERE a.email = 'uyvien.kiemtra@anbien.test'`,
      )) as Array<{ full_name: string; post: string; unit: string }>;
      const page = await context.newPage();
      await signIn(page, 'uyvien.kiemtra@anbien.test');
      await page.waitForSelector('[data-testid=signed-in-as]');
      expect(await page.textContent('[data-testid=signed-in-as]')).toBe(member!.full_name);
      expect(await page.textContent('[data-testid=signed-in-role]')).toBe(
        `Ủy ban Kiểm tra Đảng ủy · ${member!.post}, ${member!.unit}`,
      );
    } finally {
      await context.close();
    }
  });

  it('shows the counters and lists, a new public report within a second, and after a cut WebSocket everything written meanwhile', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const requests = recordRequests(context);

    // Every WebSocket of the page goes through this route, so the test can cut it for real (the
    // page's socket closes) and refuse reconnections for a while, and read what the page sends.
    let refuse = false;
    const sockets = new Set<WebSocketRoute>();
    const subscribedAfter: Array<string | null> = [];
    let lastCursorDelivered: string | null = null;
    await context.routeWebSocket(/\/graphql$/, (ws) => {
      if (refuse) {
        void ws.close({ code: 1013, reason: 'refused by the test' });
        return;
      }
      const server = ws.connectToServer();
      sockets.add(ws);
      ws.onMessage((message) => {
        const m = JSON.parse(String(message)) as {
          type: string;
          payload?: { query?: string; variables?: { after?: string | null } };
        };
        if (m.type === 'subscribe' && m.payload?.query?.includes('boardEvents'))
          subscribedAfter.push(m.payload.variables?.after ?? null);
        server.send(message);
      });
      server.onMessage((message) => {
        const m = JSON.parse(String(message)) as { type: string; payload?: { data?: { boardEvents?: { cursor: string } } } };
        if (m.type === 'next' && m.payload?.data?.boardEvents) lastCursorDelivered = m.payload.data.boardEvents.cursor;
        ws.send(message);
      });
      ws.onClose(() => sockets.delete(ws));
    });

    try {
      const page = await context.newPage();
      await signIn(page);
      await page.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 10_000 });

      // Counters and lists from the board and reports queries (the seeded ward has open reports).
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=counter-open-value]')?.textContent ?? ''));
      expect(await counter(page, 'open')).toBeGreaterThan(0);
      await page.waitForSelector(
        '[data-testid=overdue-list] [data-testid=deadline-item], [data-testid=due-soon-list] [data-testid=deadline-item]',
      );
      await page.waitForSelector('[data-testid=reports-chart] canvas');
      expect(await page.textContent('[data-testid=findings-by-area]')).toContain('3 không');
      const receivedToday = await counter(page, 'receivedToday');
      // The due-soon threshold is the server's (BOARD_DUE_SOON_DAYS=5 here), in the counter, the
      // list's heading and the list itself.
      expect(await page.textContent('[data-testid=counter-dueSoon]')).toContain('trong 5 ngày tới');
      expect(await page.textContent('[data-testid=due-soon-days]')).toBe('(5 ngày)');
      const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
      const listed = await t.gql<{ reports: { totalCount: number } }>(
        '{ reports(filter: { dueWithinDays: 5 }, first: 1) { totalCount } }',
        {},
        ic,
      );
      expect(await page.textContent('[data-testid=deadlines]')).toContain(
        `Sắp đến hạn (5 ngày) ${listed.body.data!.reports.totalCount}`,
      );

      // 1. A public report appears on the page within a second of its commit, without reloading.
      const known = await feedIds(page);
      const title = `Phản ánh thử nghiệm ${Date.now()}`;
      await submitPublicReport(title);
      await page.waitForFunction(
        (ids) => {
          const top = document.querySelector('[data-testid=feed-item]');
          return !!top && top.dataset['eventType'] === 'REPORT_RECEIVED' && !ids.includes(top.dataset['eventId'] ?? '');
        },
        known,
        { timeout: 1_000 },
      );
      const reportId = await reportIdByTitle(title);
      expect(await page.getAttribute('[data-testid=feed-item] >> nth=0', 'data-report-id')).toBe(reportId);
      // The line says what happened to what; clicking it opens the report.
      expect(await page.textContent('[data-testid=feed-item] >> nth=0 >> [data-testid=feed-summary]')).toBe(
        `Tiếp nhận đơn phản ánh “${title}” qua Cổng trực tuyến`,
      );
      await page.click('[data-testid=feed-item] >> nth=0 >> [data-testid=feed-open]');
      await page.waitForSelector('[data-testid=report-drawer]');
      // The drawer shows "Đơn thư" until the report has loaded, then its title.
      await page.waitForFunction((t) => document.querySelector('[data-testid=report-drawer] h2')?.textContent === t, title, {
        timeout: 5_000,
      });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=report-drawer]', { state: 'detached' });
      // The counters follow (re-queried after the event).
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid=counter-receivedToday-value]')?.textContent?.replace(/\D/g, '')) === n,
        receivedToday + 1,
        { timeout: 5_000 },
      );
      const cursorBeforeCut = lastCursorDelivered;
      expect(cursorBeforeCut).not.toBeNull();

      // 2. Cut the WebSocket and refuse new ones: the indicator shows it.
      refuse = true;
      expect(sockets.size).toBeGreaterThan(0);
      await Promise.all([...sockets].map((ws) => ws.close({ code: 1012, reason: 'cut by the test' })));
      await page.waitForSelector('[data-testid=connection][data-state=reconnecting]', { timeout: 5_000 });
      expect(await page.textContent('[data-testid=connection]')).toContain('Đang kết nối lại');

      // Events written while the page is away.
      const away = [`Phản ánh khi mất kết nối A ${Date.now()}`, `Phản ánh khi mất kết nối B ${Date.now()}`];
      for (const t1 of away) await submitPublicReport(t1);
      const awayIds = await Promise.all(away.map(reportIdByTitle));
      // Still refused after three attempts: "Mất kết nối", and the events are not on the page.
      await page.waitForSelector('[data-testid=connection][data-state=lost]', { timeout: 15_000 });
      expect(await page.textContent('[data-testid=connection]')).toContain('Mất kết nối');
      for (const id of awayIds) expect(await page.$(`[data-testid=feed-item][data-report-id="${id}"]`)).toBeNull();

      // 3. The network comes back: the page reconnects, resumes after the last cursor it saw and
      // shows what happened meanwhile, newest on top, each event once.
      refuse = false;
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 15_000 });
      expect(subscribedAfter.at(-1)).toBe(cursorBeforeCut);
      await page.waitForSelector(`[data-testid=feed-item][data-report-id="${awayIds[1]}"]`, { timeout: 5_000 });
      const order = await page.$$eval('[data-testid=feed-item]', (items) =>
        items.map((i) => (i as unknown as BrowserElement).dataset['reportId'] ?? ''),
      );
      expect(order.slice(0, 3)).toEqual([awayIds[1], awayIds[0], reportId]);
      const ids = await feedIds(page);
      expect(new Set(ids).size).toBe(ids.length);
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid=counter-receivedToday-value]')?.textContent?.replace(/\D/g, '')) === n,
        receivedToday + 3,
        { timeout: 5_000 },
      );

      expect(foreign(requests, t.url)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows who is working on a report (Đang xử lý) while another member has it open', async () => {
    const watcher = await browser.newContext();
    const worker = await browser.newContext();
    try {
      const watch = await watcher.newPage();
      await signIn(watch);
      await watch.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 10_000 });

      const work = await worker.newPage();
      await signIn(work, DEMO_EMAIL[Role.STANDING_COMMITTEE]);
      await work.waitForSelector('[data-testid=deadline-item] button');
      const reportId = await work.getAttribute('[data-testid=deadline-item] >> nth=0', 'data-report-id');
      await work.click('[data-testid=deadline-item] >> nth=0 >> button');
      await work.waitForSelector('[data-testid=report-drawer]');

      // Presence names the report by its title, as the watcher may read it, not by its id.
      const seen = await t.gql<{ report: { title: string } }>(
        'query($id: ID!) { report(id: $id) { title } }',
        { id: reportId },
        await t.tokenFor(Role.INSPECTION_COMMITTEE),
      );
      const title = seen.body.data!.report.title;
      const entry = watch.locator('[data-testid=presence-item]', { hasText: `“${title}”` });
      await entry.waitFor({ timeout: 5_000 });
      expect(await entry.textContent()).toContain('Đơn thư');
      expect(await entry.textContent()).not.toContain(`#${reportId!.slice(0, 8)}`);

      // The watcher opens the same report: it is told who else is on it.
      await entry.locator('[data-testid=presence-open]').click();
      await watch.waitForSelector('[data-testid=working-on]', { timeout: 5_000 });
      await watch.keyboard.press('Escape');

      // Both leave: the entry goes from the list.
      await work.keyboard.press('Escape');
      await watch.waitForFunction(
        (text) => ![...document.querySelectorAll('[data-testid=presence-item]')].some((el) => el.textContent?.includes(text)),
        `“${title}”`,
        { timeout: 5_000 },
      );
    } finally {
      await worker.close();
      await watcher.close();
    }
    // Two browser sessions sign in and load the board: on a loaded 2-core machine that alone has
    // taken most of the default 30 s.
  }, 60_000);
});

describe('the board page for each role', () => {
  it.each([Role.VIEWER, Role.ADMIN, Role.PARTY_BUILDING, Role.INTAKE_STAFF])(
    'shows %s the targets, without the live board and without any refused request',
    async (role) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const refused = refusals(page);
        await signIn(page, DEMO_EMAIL[role]);
        if (role === Role.INTAKE_STAFF) {
          // The intake staff's first view is the desk (intake-desk.e2e-spec.ts); the targets are a tab.
          await page.waitForSelector('[data-testid=desk-queue]', { timeout: 15_000 });
          await page.click('[data-testid=tab-targets]');
        }
        await page.waitForSelector('[data-testid=targets-score]', { timeout: 15_000 });
        // Even when the address asks for the board.
        await page.goto(`${t.url}/board`);
        if (role === Role.INTAKE_STAFF) await page.click('[data-testid=tab-targets]');
        await page.waitForSelector('[data-testid=targets-score]', { timeout: 15_000 });
        expect(await page.$('[data-testid=tab-board]')).toBeNull();
        expect(await page.$('[data-testid=counters]')).toBeNull();
        expect(await page.$('[data-testid=connection]')).toBeNull();
        expect(await page.$('[data-testid=targets-error]')).toBeNull();
        await page.waitForTimeout(500);
        await refused.settled();
        expect(refused.list).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.each([Role.UNIT_HEAD, Role.STANDING_COMMITTEE])(
    'shows %s the live board it may read, a report it opens and the targets, without any refused request',
    async (role) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      try {
        const page = await context.newPage();
        const refused = refusals(page);
        await signIn(page, DEMO_EMAIL[role]);
        await page.waitForSelector('[data-testid=connection][data-state=connected]', { timeout: 10_000 });
        await page.waitForFunction(() =>
          /\d/.test(document.querySelector('[data-testid=counter-open-value]')?.textContent ?? ''),
        );
        await page.waitForSelector('[data-testid=due-soon-days]');
        // Presence is the committees': a unit head has no such panel (and sends no such subscription).
        expect(!!(await page.$('[data-testid=presence]'))).toBe(role !== Role.UNIT_HEAD);
        const item = await page.$('[data-testid=deadline-item] button');
        if (role === Role.STANDING_COMMITTEE) expect(item).not.toBeNull();
        if (item) {
          await item.click();
          await page.waitForSelector('[data-testid=report-drawer] dl');
          await page.keyboard.press('Escape');
        }
        await page.click('[data-testid=tab-targets]');
        await page.waitForSelector('[data-testid=targets-score]', { timeout: 15_000 });
        await page.waitForTimeout(500);
        await refused.settled();
        expect(refused.list).toEqual([]);
        expect(await page.$$('.note-error')).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('GraphiQL on GET /graphql', () => {
  it('opens in a browser with the schema, every request to this server', async () => {
    const context = await browser.newContext();
    const requests = recordRequests(context);
    try {
      const page = await context.newPage();
      const introspection = page.waitForResponse(
        (r) =>
          r.url() === `${t.url}/graphql` &&
          r.request().method() === 'POST' &&
          (r.request().postData() ?? '').includes('__schema'),
      );
      await page.goto(`${t.url}/graphql`);
      await page.waitForSelector('.graphiql-container');
      const res = await introspection;
      expect(res.status()).toBe(200);
      const schema = (await res.json()) as { data: { __schema: { types: Array<{ name: string; description: string | null }> } } };
      expect(schema.data.__schema.types.find((ty) => ty.name === 'Report')?.description).toBeTruthy();
      // The editor (Monaco and its workers) is up.
      await page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 20_000 });
      expect(requests.some((u) => u.includes('/graphiql/assets/') && u.includes('worker'))).toBe(true);
      expect(foreign(requests, t.url)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('leaves API clients alone: JSON, GET with a query, and no GraphiQL in production', async () => {
    const html = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");

    const json = await fetch(`${t.url}/graphql`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/json/);
    const anything = await fetch(`${t.url}/graphql`, { headers: { accept: '*/*' } });
    expect(anything.headers.get('content-type')).toMatch(/json/);

    const q = encodeURIComponent('{ __typename }');
    const get = await fetch(`${t.url}/graphql?query=${q}`, {
      headers: { accept: 'text/html,*/*;q=0.8', 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });

    const prod = await startTestApp({ config: { nodeEnv: 'production', isProduction: true } });
    try {
      const res = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
      expect((await fetch(`${prod.url}/board`)).status).toBe(200);
    } finally {
      await prod.stop();
    }
  });
});
