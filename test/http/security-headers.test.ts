import { startTestApp, TestApp } from '../support/test-app';

/**
 * The headers every page, asset and answer carries (helmet): a Content-Security-Policy without
 * inline scripts, no framing, no MIME sniffing, and origin-only referrers. The browser tests
 * (test/ui) check that the dashboard and playground still work under them in Chromium.
 */
let app: TestApp;
let base: string;

beforeAll(async () => {
  app = await startTestApp({ seed: true, env: { PLAYGROUND: 'true' } });
  base = app.url.replace(/\/graphql$/, '');
});
afterAll(() => app.stop());

function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

// Our own pages allow nothing by default (strictPageCsp); the playground and assets get the general policy.
const PAGES = [
  ['the dashboard', '/dashboard', {}, "'none'"],
  ['the playground', '/graphql', { accept: 'text/html' }, "'self'"],
  ['a dashboard script', '/dashboard/dashboard.js', {}, "'none'"],
  ['a vendored bundle', '/assets/vendor/graphql-ws.js', {}, "'self'"],
] as const;

describe.each(PAGES)('%s', (_name, path, headers, defaultSrc) => {
  let res: Response;
  beforeAll(async () => {
    res = await fetch(`${base}${path}`, { headers });
    await res.arrayBuffer();
  });

  it('is served', () => expect(res.status).toBe(200));

  it('sends a Content-Security-Policy that allows scripts from this origin only, never inline, and no framing', () => {
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual([defaultSrc]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends nosniff and strict-origin-when-cross-origin', () => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

it('sends nosniff on plain-text answers that echo what the client sent', async () => {
  const res = await fetch(`${base}/export/commitments.csv?asOf=<script>alert(1)</script>`);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await res.text()).toContain('<script>');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
});

it('keeps inline scripts out of the pages themselves, so the policy costs them nothing', async () => {
  for (const path of ['/dashboard', '/graphql']) {
    const html = await (await fetch(`${base}${path}`, { headers: { accept: 'text/html' } })).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      // Either a file (src) or a data block the browser never runs (type="application/json").
      expect(/\bsrc=/.test(attributes) || /type="application\/json"/.test(attributes) ? '' : body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
  }
});
