import { startTestApp, TestApp } from './support/test-app';

describe('health endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    const base = app.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('answers /readyz with 503 once the database is gone', async () => {
    const base = app.url.replace('/graphql', '');
    await app.db.destroy();
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
  });
});
