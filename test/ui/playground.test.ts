import { describeInBrowser, maybeSaveScreenshot, openOfflineBrowser, OfflineBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN_KEY = 'playground-test-admin-key-0123456789';

describeInBrowser('the GraphQL playground in an offline browser', () => {
  let app: TestApp;
  let b: OfflineBrowser;
  let base: string;

  beforeAll(async () => {
    app = await startTestApp({ seed: true, env: { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: '2026-04-15T10:00:00Z' } });
    base = app.url.replace(/\/graphql$/, '');
    b = await openOfflineBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await app?.stop();
  });

  const queryEditor = '.graphiql-query-editor .CodeMirror';
  const response = '.graphiql-response .CodeMirror';
  /** The pane under the query editor that is showing: Variables or Headers. */
  const editorTool = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';

  /** Replaces what an editor holds, as pasting over a selection would. */
  async function pasteInto(editor: string, text: string): Promise<void> {
    await b.page.click(editor);
    await b.page.keyboard.press('Control+A');
    await b.page.keyboard.insertText(text);
    // GraphiQL takes in an edit a moment after it is made; run only once it has.
    await b.page.waitForTimeout(300);
  }

  /** Types into a fresh tab, as a person trying their own query would. */
  async function typeInNewTab(text: string): Promise<void> {
    await b.page.click('[aria-label="New tab"]');
    await b.page.click(queryEditor);
    await b.page.keyboard.press('Control+A');
    await b.page.keyboard.press('Backspace');
    await b.page.keyboard.type(text);
  }

  it('opens GraphiQL at /graphql with every asset served by this server', async () => {
    await b.page.goto(`${base}/graphql`);
    await b.page.waitForSelector(queryEditor, { timeout: 15_000 });
    // The example queries are the opening tabs.
    const tabs = await b.page.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' ')).toEqual(expect.stringContaining('OverdueToday'));
    expect(tabs.join(' ')).toEqual(expect.stringContaining('LiveEvents'));
    expect(b.blocked).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });

  it('runs a query typed into the editor and shows the result', async () => {
    const expected = await app.graphql('{ parties { code name } }');
    expect(expected.errors).toBeUndefined();
    await typeInNewTab('{ parties { code name ');
    // Close the autocompletion popup, and let GraphiQL take in the edited document before running.
    await b.page.keyboard.press('Escape');
    await b.page.waitForTimeout(300);
    await b.page.keyboard.press('Control+Enter');
    await b.page.locator(response).filter({ hasText: '"parties"' }).waitFor({ timeout: 10_000 });
    const shown = (await b.page.locator(response).textContent()) ?? '';
    for (const p of expected.data.parties) expect(shown).toContain(p.code);
    expect(b.blocked).toEqual([]);
  });

  it('answers the "what is overdue today" example tab as it stands', async () => {
    await b.page.locator('.graphiql-tab', { hasText: 'OverdueToday' }).click();
    await b.page.click('.graphiql-execute-button');
    await b.page.locator(response).filter({ hasText: '"daysOverdue"' }).waitFor({ timeout: 10_000 });
    expect(await b.page.locator(response).textContent()).not.toContain('"errors"');
    await maybeSaveScreenshot(b.page, 'playground');
  });

  it('suggests field names from the schema while typing', async () => {
    await typeInNewTab('{ followThr');
    await b.page.waitForSelector('.CodeMirror-hints', { timeout: 10_000 });
    expect(await b.page.locator('.CodeMirror-hints').textContent()).toContain('followThrough');
    await b.page.keyboard.press('Escape');
  });

  it('documents the schema in the docs explorer', async () => {
    await b.page.click('[aria-label="Show Documentation Explorer"]');
    await b.page.waitForSelector('.graphiql-doc-explorer', { timeout: 10_000 });
    await b.page.getByText('Query', { exact: true }).first().click();
    await b.page.locator('.graphiql-doc-explorer').filter({ hasText: 'followThrough' }).waitFor({ timeout: 10_000 });
    expect(b.blocked).toEqual([]);
  });

  it('runs the live-events example as a subscription and shows an event as soon as progress is reported', async () => {
    await b.page.locator('.graphiql-tab', { hasText: 'LiveEvents' }).click();
    // GraphiQL parses the editor's document a moment after a tab switch; run only once it has.
    await b.page.locator('.graphiql-query-editor').filter({ hasText: 'subscription LiveEvents' }).waitFor({ timeout: 10_000 });
    await b.page.waitForTimeout(500);
    await b.page.click('.graphiql-execute-button');
    // The run button turns into a stop button while the subscription is open.
    await b.page.locator('.graphiql-execute-button[aria-label="Stop query (Ctrl-Enter)"]').waitFor({ timeout: 10_000 });
    const overdue = await app.graphql('{ followUps(filter: { status: [OVERDUE] }, first: 1) { nodes { id } } }');
    const events = b.page.locator(response).filter({ hasText: 'PROGRESS_REPORTED' });
    // The stop button shows before the server has the subscription; report again until one is seen.
    for (let attempt = 1; attempt <= 5 && !(await events.count()); attempt++) {
      const reported = await app.graphql(
        `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } } }`,
        { input: { followUpId: overdue.data.followUps.nodes[0].id, state: 'IN_PROGRESS', reportedOn: '2026-04-15', note: `attempt ${attempt}` } },
        { authorization: `Bearer ${ADMIN_KEY}` },
      );
      expect(reported.errors).toBeUndefined();
      await events.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    expect(await events.count()).toBe(1);
    await b.page.click('.graphiql-execute-button');
    expect(b.blocked).toEqual([]);
  });

  it('refuses the ReportProgress example with its placeholder key, and records the report once a key is in its Headers pane', async () => {
    const overdue = await app.graphql('{ followUps(filter: { status: [OVERDUE] }, first: 1) { nodes { id } } }');
    const followUpId = overdue.data.followUps.nodes[0].id;
    await b.page.locator('.graphiql-tab', { hasText: 'ReportProgress' }).click();
    await b.page.locator('.graphiql-query-editor').filter({ hasText: 'mutation ReportProgress' }).waitFor({ timeout: 10_000 });
    const input = { followUpId, state: 'IN_PROGRESS', reportedOn: '2026-04-15', note: 'recorded from the playground' };
    await pasteInto(editorTool, JSON.stringify({ input }));

    await b.page.click('.graphiql-execute-button');
    await b.page.locator(response).filter({ hasText: 'UNAUTHENTICATED' }).waitFor({ timeout: 10_000 });

    await b.page.click('.graphiql-editor-tools button[data-name="headers"]');
    expect(await b.page.locator(editorTool).textContent()).toContain('Bearer paste-your-EDITOR-key-here');
    await pasteInto(editorTool, JSON.stringify({ Authorization: `Bearer ${ADMIN_KEY}` }));
    await b.page.click('.graphiql-execute-button');
    await b.page.locator(response).filter({ hasText: '"reportProgress"' }).waitFor({ timeout: 10_000 });
    expect(await b.page.locator(response).textContent()).not.toContain('"errors"');

    const recorded = await app.graphql(
      'query($id: ID!) { node(id: $id) { ... on FollowUp { reports { state note } } } }', { id: followUpId });
    expect(recorded.data.node.reports).toContainEqual({ state: 'IN_PROGRESS', note: 'recorded from the playground' });
    expect(b.blocked).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
