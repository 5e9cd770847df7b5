import { startTestApp, TestApp } from './support/test-app';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the playground over HTTP', () => {
  describe('when on (the default outside production)', () => {
    let app: TestApp;
    let base: string;
    beforeAll(async () => {
      app = await startTestApp();
      base = app.url.replace(/\/graphql$/, '');
    });
    afterAll(() => app.stop());

    it('serves GraphiQL to a browser at /graphql and /, loading nothing from another host', async () => {
      for (const path of ['/graphql', '/']) {
        const res = await fetch(`${base}${path}`, { headers: { accept: HTML } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await res.text();
        expect(html).toContain('id="graphiql"');
        const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
        expect(refs.length).toBeGreaterThanOrEqual(6);
        for (const ref of refs) expect(ref).toMatch(/^(\/|data:)/);
      }
    });

    it('serves every script and style the page names from installed packages', async () => {
      const html = await (await fetch(`${base}/graphql`, { headers: { accept: HTML } })).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
      for (const asset of assets) {
        const res = await fetch(`${base}${asset}`);
        expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
        expect(res.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
        expect((await res.text()).length).toBeGreaterThan(100);
      }
      expect((await fetch(`${base}/assets/vendor/not-a-bundle.js`)).status).toBe(404);
    });

    it('leaves GET /graphql with a query string or a JSON Accept header to the GraphQL endpoint', async () => {
      const withQuery = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: HTML, 'apollo-require-preflight': 'true' },
      });
      expect(await withQuery.json()).toEqual({ data: { __typename: 'Query' } });
      const json = await fetch(`${base}/graphql`, { headers: { accept: 'application/json' } });
      expect(json.headers.get('content-type')).not.toMatch(/html/);
    });
  });

  describe('when turned off (PLAYGROUND=false, the default in production)', () => {
    let app: TestApp;
    let base: string;
    beforeAll(async () => {
      app = await startTestApp({ env: { PLAYGROUND: 'false' } });
      base = app.url.replace(/\/graphql$/, '');
    });
    afterAll(() => app.stop());

    it('serves no IDE, sends / to the dashboard, and still answers queries', async () => {
      const ide = await fetch(`${base}/graphql`, { headers: { accept: HTML } });
      expect(ide.status).toBe(404);
      expect(await ide.text()).toMatch(/playground is turned off .*PLAYGROUND=false/);
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/dashboard');
      expect((await fetch(`${base}/dashboard`)).status).toBe(200);
      expect((await app.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    });
  });
});
