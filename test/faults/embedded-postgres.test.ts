import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runToExit } from '../support/run-to-exit';
import { ServerProcess, startServerProcess } from '../support/server-process';

/**
 * The embedded Postgres under TRACKER_DATA_DIR as real processes share it: one server owns the
 * data directory's cluster, a second server refuses at once naming it, the seeder uses it without
 * stopping it, a SIGKILLed owner's cluster is recovered by the next start, and the cluster keeps
 * its password to itself. Each test builds on the cluster the first one initialised.
 */
jest.setTimeout(120_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'tracker-datadir-'));
chmodSync(dataDir, 0o755); // as root, Postgres runs as the postgres user, which must enter it
const tmpBefore = passwordFilesInTmp();
const servers: ServerProcess[] = [];
let first: ServerProcess;

afterAll(async () => {
  for (const server of servers) {
    if (server.running()) server.kill('SIGTERM'); // stops its Postgres; SIGKILL would orphan it
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    await server.dispose();
  }
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT'); // a test failed half-way
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function passwordFilesInTmp(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('pg-password'));
}

async function start(): Promise<ServerProcess> {
  const server = await startServerProcess({ dataDir, startTimeoutMs: 60_000 });
  servers.push(server);
  return server;
}

async function partyCount(server: ServerProcess): Promise<{ status: number; count?: number }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ parties { code } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data?: { parties: unknown[] } };
  return { status: res.status, count: body.data?.parties.length };
}

function clusterPort(): number {
  return JSON.parse(readFileSync(path.join(dataDir, 'pg.lock'), 'utf8')).port;
}

it('refuses a second server on the same data directory, naming the process that holds it, and leaves the first serving', async () => {
  first = await start();
  expect(await partyCount(first)).toEqual({ status: 200, count: 2 });

  const second = await runToExit('src/main.ts', { TRACKER_DATA_DIR: dataDir, PORT: '0' }, 90_000);

  expect(second.code).toBe(1);
  expect(second.output).toContain(`the data directory ${path.join(dataDir, 'pg')} is in use by process ${first.pid} (started `);
  expect(second.output).toContain('stop it or set TRACKER_DATA_DIR');
  expect(await partyCount(first)).toEqual({ status: 200, count: 2 });
  expect((await fetch(first.url.replace('/graphql', '/readyz'))).status).toBe(200);
});

it('lets the seeder use the running cluster and leaves it running', async () => {
  const seed = await runToExit('src/seed.ts', { TRACKER_DATA_DIR: dataDir }, 60_000);

  expect(seed.code).toBe(0);
  expect(seed.output).toContain('using the embedded Postgres another process runs on this data directory');
  expect(await partyCount(first)).toEqual({ status: 200, count: 2 });
  expect((await fetch(first.url.replace('/graphql', '/readyz'))).status).toBe(200);
});

it('logs the address it really listens on', () => {
  const line = first.logs().find((l) => String(l.msg).startsWith('GraphQL at'));
  expect(line).toMatchObject({ address: '127.0.0.1', msg: `GraphQL at http://127.0.0.1:${first.port}/graphql` });
});

it('keeps a password of its own in the data directory (mode 0600), leaves nothing in /tmp, and lets no one in without it', async () => {
  const passwordFile = path.join(dataDir, 'pg-password');
  expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
  expect(passwordFilesInTmp()).toEqual(tmpBefore);
  const password = readFileSync(passwordFile, 'utf8').trim();
  expect(password.length).toBeGreaterThanOrEqual(32);

  const port = clusterPort();
  for (const guess of ['tracker', 'wrong-password']) {
    const client = new Client({ host: '127.0.0.1', port, user: 'tracker', password: guess, database: 'postgres' });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  }
  const owner = new Client({ host: '127.0.0.1', port, user: 'tracker', password, database: 'postgres' });
  await owner.connect();
  const listen = await owner.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'listen_addresses'");
  await owner.end();
  expect(listen.rows[0].setting).toBe('127.0.0.1');

  if (userInfo().uid !== 0) {
    console.log('skipped the check as another local user: it needs root to run a process as "nobody"');
    return;
  }
  // Another local user: cannot read the password, and gets nowhere without it.
  const script = `
    const fs = require('fs');
    let read = 'read';
    try { fs.readFileSync(${JSON.stringify(passwordFile)}); } catch (e) { read = e.code; }
    const { Client } = require(${JSON.stringify(require.resolve('pg'))});
    const c = new Client({ host: '127.0.0.1', port: ${port}, user: 'tracker', password: 'tracker', database: 'postgres' });
    c.connect().then(() => 'connected', (e) => e.code || e.message).then((connect) => { console.log(JSON.stringify({ read, connect })); process.exit(0); });
  `;
  const asNobody = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
  expect(JSON.parse(asNobody.stdout.trim())).toEqual({ read: 'EACCES', connect: '28P01' });
});

it('recovers the cluster of a server killed with SIGKILL at the next start', async () => {
  const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  first.kill('SIGKILL');
  await first.exited;
  expect(() => process.kill(postmaster, 0)).not.toThrow(); // orphaned, still running

  const next = await start();

  expect(await partyCount(next)).toEqual({ status: 200, count: 2 });
  expect(() => process.kill(postmaster, 0)).toThrow();
  next.kill('SIGTERM');
  expect(await next.exited).toEqual({ code: 0, signal: null });
  expect(next.logs().some((l) => l.msg === 'stopped')).toBe(true);
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(existsSync(path.join(dataDir, 'pg.lock'))).toBe(false);
});

it('gives a cluster made with the old fixed password a generated one at its next start', async () => {
  const passwordFile = path.join(dataDir, 'pg-password');
  const server = await start();
  const admin = new Client({ host: '127.0.0.1', port: clusterPort(), user: 'tracker', password: readFileSync(passwordFile, 'utf8').trim(), database: 'postgres' });
  await admin.connect();
  await admin.query("ALTER ROLE tracker PASSWORD 'tracker'"); // as clusters initialised before this change were
  await admin.end();
  server.kill('SIGTERM');
  await server.exited;
  rmSync(passwordFile);

  const next = await start();

  expect(await partyCount(next)).toEqual({ status: 200, count: 2 });
  expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
  const old = new Client({ host: '127.0.0.1', port: clusterPort(), user: 'tracker', password: 'tracker', database: 'postgres' });
  await expect(old.connect()).rejects.toMatchObject({ code: '28P01' });
  next.kill('SIGTERM');
  expect(await next.exited).toEqual({ code: 0, signal: null });
});

it('as root in a directory only root can enter, exits 1 saying why and the two ways out', async () => {
  if (userInfo().uid !== 0) {
    console.log('skipped: the postgres-user case arises only when run as root');
    return;
  }
  const closed = mkdtempSync(path.join(tmpdir(), 'tracker-0700-')); // mode 0700, owned by root
  try {
    const run = await runToExit('src/main.ts', { TRACKER_DATA_DIR: path.join(closed, 'data'), PORT: '0' }, 90_000);

    expect(run.code).toBe(1);
    expect(run.output).toContain('runs as the "postgres" user, which cannot enter');
    expect(run.output).toContain('set DATABASE_URL');
    expect(run.output).toContain('a directory the "postgres" user can enter');
    expect(run.output).not.toMatch(/EACCES|\n\s+at /);
  } finally {
    rmSync(closed, { recursive: true, force: true });
  }
});
