import type { Page } from 'playwright-core';
import { describeInBrowser, maybeSaveScreenshot, offlineContext, openOfflineBrowser, OfflineBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN_KEY = 'pages-ui-test-admin-key-0123456789abcdef';
const TODAY = '2026-04-15';

/** Console errors (CSP violations among them) and uncaught exceptions of a page. */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

describeInBrowser('commitment pages, the dashboard list and the editor in an offline browser', () => {
  let app: TestApp;
  let b: OfflineBrowser;
  let base: string;
  let editorKey: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T10:00:00Z` } });
    base = app.url.replace(/\/graphql$/, '');
    const key = await app.graphql(`mutation { createApiKey(input: { name: "browser-editor", role: EDITOR }) { key } }`, {}, { authorization: `Bearer ${ADMIN_KEY}` });
    expect(key.errors).toBeUndefined();
    editorKey = key.data.createApiKey.key;
    b = await openOfflineBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await app?.stop();
  });

  const rows = (page: Page) => page.locator('#list-body tr[data-commitment]');
  const listed = (page: Page) => page.waitForSelector('#list-body tr[data-commitment]', { timeout: 10_000 });

  async function openEditor(): Promise<{ page: Page; errors: string[] }> {
    const page = await b.context.newPage();
    const errors = watch(page);
    await page.goto(`${base}/edit`);
    await page.waitForSelector('#c-engagement option', { state: 'attached', timeout: 10_000 });
    if (await page.locator('#key').isVisible()) {
      await page.fill('#key', editorKey);
      await page.click('#key-form button[type="submit"]');
    }
    return { page, errors };
  }

  it('lists every commitment, dated or not, and opens a commitment page from the list', async () => {
    const all = await app.graphql(`{ commitments(first: 100) { totalCount nodes { id title status } } }`);
    await b.page.goto(`${base}/dashboard`);
    await listed(b.page);
    expect(await rows(b.page).count()).toBe(all.data.commitments.totalCount);
    const undated = all.data.commitments.nodes.filter((c: { status: string }) => c.status === 'UNDATED');
    expect(undated.length).toBeGreaterThan(0);
    expect(await b.page.locator('#list-body tr[data-status="UNDATED"]').count()).toBe(undated.length);
    expect(await b.page.locator('#list-count').textContent()).toBe(`(${all.data.commitments.totalCount} commitments)`);
    expect(await b.page.locator('#summary').textContent()).toMatch(/follow-ups? (was|were) due before 2026-04-15 .* no report recorded/);
    expect(await b.page.locator('#counts-total').textContent()).toMatch(/commitments\)$/);

    const first = all.data.commitments.nodes[0];
    await b.page.click(`#list-body tr[data-commitment="${first.id}"] a`);
    await b.page.waitForURL(`**/commitments/${first.id}`);
    expect(await b.page.locator('h1').textContent()).toBe(first.title);
    expect(b.blocked).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('shows overdue follow-ups nobody reported on as "no report recorded", apart from missed and in-progress ones', async () => {
    await b.page.goto(`${base}/dashboard?status=OVERDUE`);
    await listed(b.page);
    const notes = await b.page.locator('#list-body tr[data-status="OVERDUE"] .status-note').allTextContents();
    expect(notes.length).toBe(await rows(b.page).count());
    expect(notes.every((n) => n.trim() === 'no report recorded')).toBe(true);
  });

  it('filters by party, keeps the filter in the address, and keeps it across a reload and from a #asOf= link', async () => {
    await b.page.goto(`${base}/dashboard`);
    await listed(b.page);
    await b.page.selectOption('#filters select[name="party"]', 'CN');
    await b.page.waitForSelector('body[data-filters*="party=CN"]');
    expect(new URL(b.page.url()).searchParams.get('party')).toBe('CN');
    // No role chosen: the party in any role, as the dashboard asks (the seeds have CN as beneficiary and host too).
    const api = await app.graphql(`{ commitments(filter: { involvingPartyCodes: ["CN"] }, first: 100) { nodes { id } } }`);
    const shown = async () => (await rows(b.page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-commitment')))).sort();
    const expected = api.data.commitments.nodes.map((c: { id: string }) => c.id).sort();
    expect(await shown()).toEqual(expected);

    await b.page.reload();
    await b.page.waitForSelector('body[data-filters*="party=CN"]');
    expect(await b.page.locator('#filters select[name="party"]').inputValue()).toBe('CN');
    expect(await shown()).toEqual(expected);

    await b.page.goto(`${base}/dashboard#asOf=2026-01-20&party=PK`);
    await b.page.waitForSelector('body[data-as-of="2026-01-20"][data-filters*="party=PK"]');
    const url = new URL(b.page.url());
    expect([url.searchParams.get('asOf'), url.searchParams.get('party')]).toEqual(['2026-01-20', 'PK']);
  });

  it('filters by party and role, kind and verification, as the API answers them', async () => {
    const shown = async () => (await rows(b.page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-commitment')))).sort();
    await b.page.goto(`${base}/dashboard?party=PK&role=OBLIGOR&kind=AGREEMENT`);
    await b.page.waitForSelector('body[data-filters*="kind=AGREEMENT"]');
    const api = await app.graphql(`{ commitments(filter: { partyCodes: ["PK"], kinds: [AGREEMENT] }, first: 100) { nodes { id } } }`);
    expect(await shown()).toEqual(api.data.commitments.nodes.map((c: { id: string }) => c.id).sort());
    expect(await b.page.locator('#filters select[name="role"]').inputValue()).toBe('OBLIGOR');

    const overdue = await app.graphql(`{ followUps(filter: { status: [OVERDUE] }, first: 1) { nodes { id } } }`);
    const reported = await app.graphql(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { report { verification } } }`,
      { input: { followUpId: overdue.data.followUps.nodes[0].id, state: 'MISSED', reportedOn: TODAY } },
      { authorization: `Bearer ${ADMIN_KEY}` },
    );
    expect(reported.data.reportProgress.report.verification).toBe('UNSOURCED');
    const all = await app.graphql(`{ commitments(first: 100) { nodes { id decided: followUps(status: [DONE, MISSED, CANCELLED]) { nodes { verification } } } } }`);
    const unsourced = all.data.commitments.nodes
      .filter((c: any) => c.decided.nodes.some((f: any) => f.verification === 'UNSOURCED'))
      .map((c: { id: string }) => c.id)
      .sort();
    expect(unsourced.length).toBeGreaterThan(0);
    await b.page.goto(`${base}/dashboard?verification=UNSOURCED`);
    await b.page.waitForSelector('body[data-filters*="verification=UNSOURCED"]');
    expect(await shown()).toEqual(unsourced);
  });

  it('creates a commitment and reports progress through the editor; the page and the live dashboard show both', async () => {
    const dashboard = await b.context.newPage();
    await dashboard.goto(`${base}/dashboard`);
    await listed(dashboard);
    await dashboard.waitForSelector('body[data-connection="live"]', { timeout: 10_000 });

    const { page, errors } = await openEditor();
    const title = 'Joint patrol schedule to be agreed';
    await page.fill('#c-title', title);
    await page.selectOption('#c-kind', 'REQUEST');
    await page.fill('#c-parties', 'PK');
    await page.fill('#c-beneficiaries', 'CN');
    await page.check('input[name="schedule"][value="once"]');
    await page.fill('#c-due', '2026-04-25');
    await page.click('#create-commitment button[type="submit"]');
    await page.waitForSelector('#create-commitment .result.ok a', { timeout: 10_000 });
    const href = (await page.locator('#create-commitment .result a').getAttribute('href'))!;
    const id = decodeURIComponent(href.replace('/commitments/', ''));
    await dashboard.waitForSelector(`#list-body tr[data-commitment="${id}"][data-status="DUE_SOON"]`, { timeout: 5_000 });

    await page.waitForSelector(`#r-commitment option[value="${id}"]`, { state: 'attached' });
    await page.selectOption('#r-commitment', id);
    await page.waitForSelector('#r-follow-up option[value]:not([value=""])', { state: 'attached' });
    await page.selectOption('#r-follow-up', { index: 1 });
    await page.selectOption('#r-state', 'DONE');
    await page.fill('#r-on', TODAY);
    await page.fill('#r-note', 'Schedule signed <b>early</b>');
    await page.selectOption('#r-source', { index: 1 });
    await page.click('#report-progress button[type="submit"]');
    await page.waitForSelector('#report-progress .result.ok', { timeout: 10_000 });
    await dashboard.waitForSelector(`#list-body tr[data-commitment="${id}"][data-status="DONE"]`, { timeout: 5_000 });

    await page.selectOption('#v-commitment', id);
    await page.waitForSelector('#v-report option[value]:not([value=""])', { state: 'attached' });
    await page.selectOption('#v-report', { index: 1 });
    await page.selectOption('#v-source', { index: 2 });
    await page.selectOption('#v-stance', 'CONTRADICTS');
    await page.click('#add-evidence button[type="submit"]');
    await page.waitForSelector('#add-evidence .result.ok', { timeout: 10_000 });
    expect(await page.locator('#add-evidence .result').textContent()).toContain('disputed');
    await page.click('#add-evidence .result a');

    await page.waitForURL(`**/commitments/${id}`);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('dd[data-kind]').getAttribute('data-kind')).toBe('REQUEST');
    expect(await page.locator('dd[data-role="BENEFICIARY"]').textContent()).toContain('(CN)');
    expect(await page.locator('.report .evidence li').count()).toBe(2);
    expect(await page.locator('.report [data-verification]').getAttribute('data-verification')).toBe('DISPUTED');
    expect(await page.locator('.follow-up .status').first().getAttribute('data-status')).toBe('DONE');
    expect(await page.locator('.report .note').textContent()).toBe('Schedule signed <b>early</b>');
    await maybeSaveScreenshot(page, 'commitment-page');
    expect(errors).toEqual([]);
    await page.close();
    await dashboard.close();
  });

  it('shows field errors next to their fields, and a CONFLICT with what changed; reload and retry keeps what was typed', async () => {
    const { page, errors } = await openEditor();
    await page.fill('#c-title', 'Needs a party');
    await page.fill('#c-parties', 'QQ');
    await page.click('#create-commitment button[type="submit"]');
    const fieldError = page.locator('#c-parties-error');
    await fieldError.waitFor({ timeout: 10_000 });
    expect(await fieldError.textContent()).toMatch(/unknown party code "QQ"/);
    expect(await page.locator('#c-parties').getAttribute('aria-describedby')).toBe('c-parties-error');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('c-parties');

    const c = await app.graphql(`{ commitments(first: 1, filter: { status: [UNDATED] }) { nodes { id title description version } } }`);
    const target = c.data.commitments.nodes[0];
    await page.selectOption('#u-id', target.id);
    await page.waitForSelector(`#update-commitment input[name="expectedVersion"][value="${target.version}"]`, { state: 'attached' });
    await page.fill('#u-description', 'My careful rewrite of the description');

    const theirs = await app.graphql(
      `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`,
      { input: { id: target.id, expectedVersion: target.version, title: `${target.title} (retitled by someone else)` } },
      { authorization: `Bearer ${ADMIN_KEY}` },
    );
    expect(theirs.errors).toBeUndefined();

    await page.click('#update-commitment button[type="submit"]');
    await page.waitForSelector('#update-commitment[data-conflict="shown"]', { timeout: 10_000 });
    expect(await page.locator('.conflict-changes li[data-field="title"]').textContent()).toContain('(retitled by someone else)');
    expect(await page.locator('#u-description').inputValue()).toBe('My careful rewrite of the description');
    await page.click('.reload-retry');
    await page.waitForSelector('#update-commitment .result.ok', { timeout: 10_000 });

    const after = await app.graphql(`query($id: ID!) { node(id: $id) { ... on Commitment { title description version } } }`, { id: target.id });
    expect(after.data.node).toEqual({
      title: `${target.title} (retitled by someone else)`,
      description: 'My careful rewrite of the description',
      version: target.version + 2,
    });
    await maybeSaveScreenshot(page, 'editor');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates a source with the keyboard alone', async () => {
    const { page, errors } = await openEditor();
    await page.locator('body').focus();
    for (let i = 0; i < 40 && (await page.evaluate('document.activeElement && document.activeElement.id')) !== 'source-title'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('source-title');
    await page.keyboard.type('Readout of the keyboard meeting');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ministry of Typing');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://example.org/readout');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#create-source .result.ok', { timeout: 10_000 });
    const sources = await app.graphql(`{ sources(first: 100) { nodes { title outlet url } } }`);
    expect(sources.data.sources.nodes).toContainEqual({ title: 'Readout of the keyboard meeting', outlet: 'Ministry of Typing', url: 'https://example.org/readout' });
    // Every control has a real label.
    const unlabelled = await page.evaluate(
      `Array.from(document.querySelectorAll('input:not([type="hidden"]), select, textarea')).filter((el) => !el.labels.length).map((el) => el.outerHTML)`,
    );
    expect(unlabelled).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a commitment page with JavaScript disabled, and its as-of form still works', async () => {
    const context = await offlineContext(b.browser, b.blocked, { javaScriptEnabled: false });
    const page = await context.newPage();
    const c = await app.graphql(`{ commitments(first: 1) { nodes { id title } } }`);
    const target = c.data.commitments.nodes[0];
    await page.goto(`${base}/commitments/${target.id}`);
    expect(await page.locator('h1').textContent()).toBe(target.title);
    expect(await page.locator('#follow-ups .follow-up').count()).toBeGreaterThan(0);
    await page.fill('#as-of', '2025-06-01');
    await page.click('.as-of button[type="submit"]');
    await page.waitForURL(/asOf=2025-06-01/);
    expect(await page.locator('article').getAttribute('data-as-of')).toBe('2025-06-01');
    await context.close();
    expect(b.blocked).toEqual([]);
  });

  it('fits a phone screen: the dashboard list and a commitment page scroll only downwards', async () => {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/dashboard`);
    await listed(page);
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await page.click('#list-body tr[data-commitment] a');
    await page.waitForURL('**/commitments/**');
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await maybeSaveScreenshot(page, 'commitment-page-phone');
    await page.close();
  });
});
