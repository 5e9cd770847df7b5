import { spawnSource } from './spawn-source';

/**
 * The real server as its own operating-system process: src/main.ts (config from the environment,
 * migrations and seed, server, scheduler, signal handling), run from the TypeScript sources through
 * transpile-on-require.js, so it can be sent SIGTERM or killed with SIGKILL like a deployed one.
 */
export interface ServerProcess {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Resolves once the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether it still runs. */
  running(): boolean;
  /** Everything it wrote to stdout and stderr (pino JSON lines), for failure messages. */
  output(): string;
  /** Its JSON log lines, parsed. */
  logs(): Record<string, unknown>[];
  kill(signal: NodeJS.Signals): void;
  /** Kills it (SIGKILL) unless it has exited, and waits for the exit. For `finally` blocks: never throws. */
  dispose(): Promise<void>;
}

export interface ServerProcessOptions {
  /** The database it serves. Without it, `dataDir` is required: main.ts then runs an embedded Postgres there. */
  databaseUrl?: string;
  /** TRACKER_DATA_DIR, for a server on an embedded Postgres (never the repository's own .data/). */
  dataDir?: string;
  /** More environment, e.g. ADMIN_API_KEY, CLOCK_START, DB_POOL_TIMEOUT_MS. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export async function startServerProcess({ databaseUrl, dataDir, env = {}, startTimeoutMs = 90_000 }: ServerProcessOptions): Promise<ServerProcess> {
  if (!databaseUrl && !dataDir) throw new Error('startServerProcess needs databaseUrl or dataDir');
  const child = spawnSource('src/main.ts', {
    // Only what a process needs from this one: never the caller's own PORT, DB_* or ADMIN_API_KEY.
    ...pick(process.env, ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ']),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0', // tests send hundreds of anonymous reads from one address
    PORT: '0', // the port it got is read from its log
    ...env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { TRACKER_DATA_DIR: dataDir }),
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let output = '';
  let onLine: ((line: Record<string, unknown>) => void) | undefined;
  let partial = '';
  const read = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const parsed = parseLine(line);
      if (parsed) onLine?.(parsed);
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server process did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
      onLine = (line) => {
        if (typeof line.port === 'number' && String(line.msg).startsWith('GraphQL at')) {
          clearTimeout(timer);
          resolve(line.port);
        }
      };
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`the server process exited before it listened (code ${code}, signal ${signal})`));
      });
    });
  } catch (err) {
    await dispose();
    throw new Error(`${(err as Error).message}\n${output}`);
  }

  return {
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    logs: () => output.split('\n').map(parseLine).filter((l): l is Record<string, unknown> => l !== null),
    kill: (signal) => child.kill(signal),
    dispose,
  };
}

function parseLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function pick(env: NodeJS.ProcessEnv, names: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
}
