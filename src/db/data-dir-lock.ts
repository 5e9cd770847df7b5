import { openSync, readFileSync, renameSync, unlinkSync, writeFileSync, closeSync } from 'node:fs';
import path from 'node:path';

/**
 * Who runs the embedded Postgres of a data directory: one process at a time owns it, starts it and
 * stops it. Its lock file (`<dataDir>/pg.lock`) names the owner's pid, when it started, the port
 * the cluster listens on and whether it is ready. A live owner's cluster is never stopped by anyone
 * else; a lock whose owner has died (SIGKILL, a crash) is stale and may be taken over.
 */
export interface LockOwner {
  pid: number;
  startedAt: string;
  port: number;
  ready: boolean;
}

export type LockClaim = { held: true; ready(): void; release(): void } | { held: false; owner: LockOwner };

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'pg.lock');
}

/** Takes the lock for this process, or reports the live process that holds it. */
export function claimDataDir(dataDir: string, port: number): LockClaim {
  const file = lockPath(dataDir);
  const mine: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), port, ready: false };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' fails when the file exists: of two processes starting at once, exactly one gets it.
      const fd = openSync(file, 'wx', 0o644);
      writeFileSync(fd, JSON.stringify(mine));
      closeSync(fd);
      return {
        held: true,
        ready: () => rewrite(file, { ...mine, ready: true }),
        release: () => unlinkSync(file),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(dataDir);
    if (owner && stillOwned(dataDir, owner)) return { held: false, owner };
    try {
      unlinkSync(file); // stale: its owner is gone (or it is this process's own, left by a failed start)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error(`could not take the lock ${file}; another process keeps taking it`);
}

export function readOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined; // missing, or half-written by a process that died while writing it
  }
}

/**
 * Whether the lock's owner still runs this directory's cluster: the owner lives and, once it said
 * its Postgres was ready, that postmaster lives too. The second test keeps a pid reused after a
 * reboot or a container restart (the owner long dead, another process now under its number) from
 * locking the directory for good.
 */
function stillOwned(dataDir: string, owner: LockOwner): boolean {
  if (owner.pid === process.pid || !isAlive(owner.pid)) return false;
  if (!owner.ready) return true; // starting: its postmaster may not exist yet
  try {
    const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(postmaster) && postmaster > 0 && isAlive(postmaster);
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

function rewrite(file: string, owner: LockOwner): void {
  const next = `${file}.${process.pid}`;
  writeFileSync(next, JSON.stringify(owner), { mode: 0o644 });
  renameSync(next, file); // readers see the old or the new content, never half of it
}
