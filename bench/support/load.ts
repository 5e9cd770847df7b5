import autocannon from 'autocannon';
import type { HttpRequest } from '../peers/peers';

/** One timed run of autocannon against one server, with that server's memory sampled throughout. */
export interface RunResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  peakRssMiB: number;
  rssSamples: number[];
}

export interface LoadOptions {
  baseUrl: string;
  /** Sent in turn by each connection (one request: every time the same). */
  requests: HttpRequest[];
  connections: number;
  durationSeconds: number;
  rssMiB: () => number | null;
  /** Runs once a second alongside the load (the mixed workload's write); returns false on failure. */
  everySecond?: () => Promise<boolean>;
}

export async function runLoad(o: LoadOptions): Promise<RunResult> {
  const rssSamples: number[] = [];
  const sample = () => {
    const v = o.rssMiB();
    if (v !== null) rssSamples.push(v);
  };
  sample();
  const sampler = setInterval(sample, 500);
  let sideFailures = 0;
  const side = o.everySecond
    ? setInterval(() => void o.everySecond!().then((ok) => ok || sideFailures++, () => sideFailures++), 1000)
    : undefined;
  try {
    const result = await autocannon({
      url: o.baseUrl,
      connections: o.connections,
      duration: o.durationSeconds,
      requests: o.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body })),
      // GraphQL reports errors (a statement timeout, say) with status 200: such an answer is a failure too.
      verifyBody: (body: string) => !body.startsWith('{"errors"') && !body.includes('"errors":['),
    } as autocannon.Options);
    sample();
    // No answer within the run: every latency exceeded it (autocannon would report 0).
    const none = result.requests.total === 0;
    return {
      requestsPerSecond: result.requests.total / (result.duration || o.durationSeconds),
      p50: none ? Infinity : result.latency.p50,
      p99: none ? Infinity : result.latency.p99,
      requests: result.requests.total,
      failures: result.non2xx + result.errors + result.timeouts + (result as { mismatches?: number }).mismatches! + sideFailures,
      peakRssMiB: Math.max(...rssSamples),
      rssSamples,
    };
  } finally {
    clearInterval(sampler);
    if (side) clearInterval(side);
  }
}

/** Sends one request and parses its JSON answer; throws on a non-2xx status. */
export async function send(baseUrl: string, r: HttpRequest): Promise<unknown> {
  const res = await fetch(baseUrl + r.path, { method: r.method, headers: r.headers, body: r.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
