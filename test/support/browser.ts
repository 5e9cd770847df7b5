import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { chromiumPath } from './chromium-path';

/** The Chromium the browser tests drive, or undefined (then they are skipped, saying why). */
export const CHROMIUM = chromiumPath();

/**
 * `describe` when Chromium is installed; otherwise `describe.skip` after a message saying how to
 * get it (npm run browsers), so a skipped browser suite is never silent.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (CHROMIUM) {
    describe(name, body);
    return;
  }
  console.warn(`${name}: SKIPPED — no Chromium found. Run "npm run browsers" (installs Debian's chromium) or set CHROMIUM_PATH.`);
  describe.skip(name, body);
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface OfflineBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page tried to send anywhere but this machine (all were refused). */
  blocked: string[];
  /** Console errors and uncaught exceptions on the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium as an air-gapped laptop: a fresh profile (Playwright makes a temporary one per launch), Chromium's own background traffic
 * off, every host name but localhost unresolvable, and every request not to this machine aborted
 * and recorded, so a test can assert that a page needed nothing from the internet.
 */
export async function openOfflineBrowser(viewport = { width: 1280, height: 800 }): Promise<OfflineBrowser> {
  if (!CHROMIUM) throw new Error('no Chromium: run "npm run browsers"');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  const blocked: string[] = [];
  const context = await offlineContext(browser, blocked, { viewport });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  page.on('websocket', (ws) => {
    const url = new URL(ws.url());
    if (!LOCAL_HOSTS.has(url.hostname)) blocked.push(url.href);
  });
  return {
    browser,
    context,
    page,
    blocked,
    pageErrors,
    close: () => browser.close(),
  };
}

/**
 * A further context in the same air-gapped browser (e.g. with JavaScript off), whose non-local
 * requests are refused and recorded in `blocked` like the first one's.
 */
export async function offlineContext(browser: Browser, blocked: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)) return route.continue();
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Saves a screenshot for the README when UPDATE_SCREENSHOTS=1 (npm run screenshots). */
export async function maybeSaveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const path = join(__dirname, '..', '..', 'docs', 'screenshots', `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: name !== 'playground' });
}
