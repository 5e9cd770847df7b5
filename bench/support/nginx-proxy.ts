import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';

/**
 * nginx as the caching reverse proxy of deploy/nginx (the files docker-compose's "scale" profile
 * ships, included as they are), in front of the given servers, on a loopback port, with its pid,
 * logs, temporary files and cache in a temporary directory. The machine's nginx (Debian's package;
 * .ci/run installs it when missing). Used by test/multi-node and bench/scale-out.bench.ts.
 */
export interface NginxProxy {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Its access log (format tracker_cache: one line per request with cache=… upstream=…). */
  accessLog(): string;
  stop(): Promise<void>;
}

/** The repository (holding deploy/nginx), from bench/support or its build under dist/bench/support. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'deploy', 'nginx', 'tracker-proxy.conf'))) return dir;
  }
  throw new Error(`deploy/nginx not found above ${__dirname}`);
}
const CANDIDATES = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].filter(Boolean) as string[];

export function nginxPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export async function startNginx(upstreams: number[]): Promise<NginxProxy> {
  const binary = nginxPath();
  if (!binary) throw new Error('no nginx found (install Debian\'s nginx, or set NGINX_PATH)');
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-nginx-'));
  // Run as root, nginx's workers switch to `nobody`, who must write the cache and temporary files.
  chmodSync(dir, 0o777);
  for (const sub of ['cache', 'temp']) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const port = await freePort();
  const ROOT = repositoryRoot();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
    include ${ROOT}/deploy/nginx/tracker-http.conf;
    access_log ${dir}/access.log tracker_cache;
    client_body_temp_path ${dir}/temp/body;
    proxy_temp_path ${dir}/temp/proxy;
    fastcgi_temp_path ${dir}/temp/fastcgi;
    uwsgi_temp_path ${dir}/temp/uwsgi;
    scgi_temp_path ${dir}/temp/scgi;
    proxy_cache_path ${dir}/cache levels=1:2 keys_zone=tracker:10m max_size=100m inactive=10m use_temp_path=off;
    upstream tracker_api {
${upstreams.map((p) => `        server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
        keepalive 16;
    }
    server {
        listen 127.0.0.1:${port};
        include ${ROOT}/deploy/nginx/tracker-proxy.conf;
    }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const read = (file: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : '');
  try {
    await waitForPort(port, () => child.exitCode === null, () => `${output}${read('error.log')}`);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    accessLog: () => read('access.log'),
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, alive: () => boolean, log: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (!alive()) throw new Error(`nginx exited while starting:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`nginx did not listen within ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Why startNginx cannot run here, or undefined when it can. */
export function nginxUnavailable(): string | undefined {
  return nginxPath() ? undefined : `no nginx at ${CANDIDATES.join(', ')} (.ci/run installs Debian's nginx; or set NGINX_PATH)`;
}
