import type { Page } from 'playwright-core';
import { describeInBrowser, maybeSaveScreenshot, openOfflineBrowser, OfflineBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN_KEY = 'dashboard-test-admin-key-0123456789';
const TODAY = '2026-04-15';

describeInBrowser('the follow-through dashboard in an offline browser', () => {
  let app: TestApp;
  let b: OfflineBrowser;
  let dashboard: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z` } });
    dashboard = app.url.replace(/\/graphql$/, '/dashboard');
    b = await openOfflineBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await app?.stop();
  });

  async function countsShown(page: Page): Promise<Record<string, number>> {
    const cards = await page.locator('.count').all();
    const shown: Record<string, number> = {};
    for (const card of cards) {
      shown[(await card.getAttribute('data-status'))!] = Number(await card.locator('.count-number').textContent());
    }
    return shown;
  }

  /** The dashboard's timeline: from the first of the month a year before asOf to the end of the month a year after. */
  function timelineWindow(asOf: string): { asOf: string; from: string; to: string } {
    const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7))];
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    return { asOf, from: iso(new Date(Date.UTC(y - 1, m - 1, 1))), to: iso(new Date(Date.UTC(y + 1, m, 0))) };
  }

  async function apiView(asOf: string) {
    const res = await app.graphql(
      `query($asOf: Date!, $from: Date!, $to: Date!) {
         followThrough(asOf: $asOf) { byStatus { status count } }
         overdue: followUps(asOf: $asOf, filter: { status: [OVERDUE] }, first: 100) { nodes { id title daysOverdue commitment { sources { source { title } } } } }
         timeline: followUps(asOf: $asOf, filter: { dueAfter: $from, dueBefore: $to }, first: 100) { totalCount }
       }`,
      timelineWindow(asOf),
    );
    expect(res.errors).toBeUndefined();
    const counts = Object.fromEntries(res.data.followThrough.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
    return { counts, overdue: res.data.overdue.nodes, timelineCount: res.data.timeline.totalCount as number };
  }

  const waitUntilShowing = (page: Page, asOf: string) => page.waitForSelector(`body[data-as-of="${asOf}"]`, { timeout: 10_000 });

  it('shows the seeded commitments: counts by status, the due-date timeline and the overdue list with sources', async () => {
    await b.page.goto(dashboard);
    await waitUntilShowing(b.page, TODAY);
    await b.page.waitForSelector('body[data-connection="live"]', { timeout: 10_000 });
    const api = await apiView(TODAY);

    expect(await countsShown(b.page)).toEqual(api.counts);
    expect(await b.page.locator('#timeline .chip').count()).toBe(api.timelineCount);
    expect(api.overdue.length).toBeGreaterThan(0);
    const items = b.page.locator('.overdue-item');
    expect(await items.count()).toBe(api.overdue.length);
    const first = items.first();
    expect(await first.locator('.follow-up-title').textContent()).toBe(api.overdue[0].title);
    expect(await first.locator('.days-number').textContent()).toBe(String(api.overdue[0].daysOverdue));
    expect(await first.locator('.sources').textContent()).toContain(api.overdue[0].commitment.sources[0].source.title);
    expect(await b.page.locator('#connection').textContent()).toBe('live');
    await maybeSaveScreenshot(b.page, 'dashboard');
    expect(b.blocked).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('changes within a second of progress being reported through the API', async () => {
    const before = await countsShown(b.page);
    const [overdue] = (await apiView(TODAY)).overdue;
    const row = b.page.locator(`.overdue-item[data-follow-up="${overdue.id}"]`);
    expect(await row.count()).toBe(1);

    const reported = await app.graphql(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { followUp { status } } }`,
      { input: { followUpId: overdue.id, state: 'DONE', reportedOn: TODAY, note: 'reported during the browser test' } },
      { authorization: `Bearer ${ADMIN_KEY}` },
    );
    expect(reported.errors).toBeUndefined();
    const reportedAt = Date.now();
    await row.waitFor({ state: 'detached', timeout: 1_000 });
    await b.page.locator(`#timeline .chip[data-follow-up="${overdue.id}"][data-status="DONE"]`).waitFor({ timeout: 1_000 });
    expect(Date.now() - reportedAt).toBeLessThan(1_000);
    expect(await countsShown(b.page)).toEqual((await apiView(TODAY)).counts);
    expect(await countsShown(b.page)).not.toEqual(before);
  });

  it('shows any date picked as "as of", and keeps it in the address', async () => {
    const asOf = '2026-01-20';
    await b.page.fill('#as-of', asOf);
    await b.page.locator('#as-of').dispatchEvent('change');
    await waitUntilShowing(b.page, asOf);
    expect(await countsShown(b.page)).toEqual((await apiView(asOf)).counts);
    expect(new URL(b.page.url()).searchParams.get('asOf')).toBe(asOf);
    expect(await b.page.locator('#csv-link').getAttribute('href')).toBe(`/export/commitments.csv?asOf=${asOf}`);
    await b.page.click('#today');
    await waitUntilShowing(b.page, TODAY);
  });

  it('says when it has lost the server and goes back to live when the connection returns', async () => {
    const page = await b.context.newPage();
    let drop: (() => Promise<void>) | undefined;
    // Stands between page and server, so the test can cut the line the way a network drop would.
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      ws.connectToServer();
      drop = () => ws.close({ code: 1011, reason: 'network drop' });
    });
    await page.goto(dashboard);
    await page.waitForSelector('body[data-connection="live"]', { timeout: 10_000 });
    await drop!();
    await page.waitForSelector('body[data-connection="reconnecting"]', { timeout: 5_000 });
    expect(await page.locator('#connection').textContent()).toBe('reconnecting…');
    await page.waitForSelector('body[data-connection="live"]', { timeout: 10_000 });
    await page.close();
  });

  it('fits a phone screen without sideways scrolling of the page', async () => {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(dashboard);
    await waitUntilShowing(page, TODAY);
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await maybeSaveScreenshot(page, 'dashboard-phone');
    await page.close();
    expect(b.blocked).toEqual([]);
  });
});
