import { pick } from './server-process';
import { spawnSource } from './spawn-source';

export interface Exit {
  code: number | null;
  /** stdout and stderr together. */
  output: string;
}

/**
 * Runs one of the project's entry points (src/main.ts, src/seed.ts) as a process of its own, with
 * only the given environment on top of the basics, and waits for it to exit; killed (SIGKILL) if
 * it is still running after timeoutMs, which the caller then sees as code null.
 */
export async function runToExit(file: string, env: Record<string, string>, timeoutMs = 30_000): Promise<Exit> {
  const child = spawnSource(file, { ...pick(process.env, ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ']), LOG_LEVEL: 'info', ...env });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
