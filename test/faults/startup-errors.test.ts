import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';
import { runToExit } from '../support/run-to-exit';

/**
 * A server process that cannot start says why in one line and exits 1 at once, leaving nothing
 * running: a port in use (checked before the database is touched), a DATABASE_URL that does not
 * answer or names a database that is not there.
 */
jest.setTimeout(60_000);

let holder: Server | undefined;
afterAll(() => holder?.close());

it('exits 1 when its port is in use, rather than hanging (runToExit kills it after 30 s), before touching the embedded Postgres', async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder!.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as { port: number }).port;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracker-port-'));
  chmodSync(dataDir, 0o755);
  try {
    const run = await runToExit('src/main.ts', { TRACKER_DATA_DIR: dataDir, PORT: String(port) }, 30_000);

    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe(`port ${port} is in use; set PORT`);
    expect(readdirSync(dataDir)).toEqual([]); // no cluster initialised, started or locked
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('names DATABASE_URL (password masked), the host and the reason when nothing answers there', async () => {
  const port = await freePort();
  const url = `postgres://tracker:s3cret-word@127.0.0.1:${port}/tracker`;

  const run = await runToExit('src/main.ts', { DATABASE_URL: url, PORT: '0' }, 30_000);

  expect(run.code).toBe(1);
  expect(run.output.trim().split('\n')).toEqual([
    `cannot use DATABASE_URL=postgres://tracker:***@127.0.0.1:${port}/tracker: Postgres at 127.0.0.1:${port} refused the connection (nothing listens on that port); check the URL and that Postgres runs there, or unset DATABASE_URL to use the embedded one`,
  ]);
  expect(run.output).not.toContain('s3cret-word');
});

it('says what Postgres answered when the database DATABASE_URL names does not exist', async () => {
  const url = new URL(process.env.TEST_CLUSTER_URL!);
  url.pathname = '/tracker_no_such_database';

  const run = await runToExit('src/main.ts', { DATABASE_URL: url.toString(), PORT: '0' }, 30_000);

  expect(run.code).toBe(1);
  const lines = run.output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cannot use DATABASE_URL=postgres:\/\/.*\/tracker_no_such_database: Postgres at [^ ]+ answered: database "tracker_no_such_database" does not exist; /);
});
