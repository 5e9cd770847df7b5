import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A server under test, run as its own process so that its memory is its own and it can be
 * stopped by its PID. Output goes to a log file under bench/results/.
 */
export interface ServerProcess {
  name: string;
  pid: number;
  baseUrl: string;
  /** Resident set size now, in MiB (null once the process is gone). */
  rssMiB(): number | null;
  stop(): Promise<void>;
}

export interface ServerCommand {
  name: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  port: number;
  /** Resolves once the server answers this probe. */
  ready: (baseUrl: string) => Promise<boolean>;
}

export const RESULTS_DIR = path.resolve('bench/results');

export function rssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null; // not Linux, or the process has exited
  }
}

export async function startServerProcess(cmd: ServerCommand, logName: string): Promise<ServerProcess> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(path.join(RESULTS_DIR, `${logName}.log`));
  const child: ChildProcess = spawn(process.execPath, cmd.args, {
    cwd: cmd.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...cmd.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const baseUrl = `http://127.0.0.1:${cmd.port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`${cmd.name} exited during start; see ${path.join(RESULTS_DIR, `${logName}.log`)}`);
    if (await cmd.ready(baseUrl).catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${cmd.name} did not become ready within 180 s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name: cmd.name,
    pid: child.pid!,
    baseUrl,
    rssMiB: () => (exited ? null : rssMiB(child.pid!)),
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
