import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served at /metrics (metrics.routes.ts). One registry per
 * process, because a process is what Prometheus scrapes. Other parts add their own metrics to it:
 * `new Counter({ name: 'tracker_…', help, labelNames, registers: [metricsRegistry] })`.
 * Names start with `tracker_`; labels take a few fixed values each (never ids, URLs with
 * credentials or anything a client chooses), so the number of series stays small.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'tracker_' });

/** Requests answered, by route pattern (never the raw path), method and status. */
export const httpRequests = new Counter({
  name: 'tracker_http_requests_total',
  help: 'HTTP requests answered, by route, method and status code.',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [metricsRegistry],
});

/** What the in-process response cache did for anonymous queries (hit, miss, bypass). */
export const responseCacheLookups = new Counter({
  name: 'tracker_response_cache_total',
  help: 'Anonymous GraphQL queries by what the in-process response cache did: hit, miss or bypass.',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** Conditional GETs answered 304 because the client's (or a proxy's) copy is still current. */
export const notModifiedAnswers = new Counter({
  name: 'tracker_http_not_modified_total',
  help: 'Requests answered 304 Not Modified from their If-None-Match, by route.',
  labelNames: ['route'] as const,
  registers: [metricsRegistry],
});

/** Which database a request read through: the primary, or a replica. */
export const readsByTarget = new Counter({
  name: 'tracker_db_reads_total',
  help: 'GraphQL requests over HTTP by the database chosen for them: primary or replica (keyed requests always the primary).',
  labelNames: ['target'] as const,
  registers: [metricsRegistry],
});

export const replicaFailovers = new Counter({
  name: 'tracker_replica_failovers_total',
  help: 'Statements or connections meant for a replica that stopped answering, served by the primary instead.',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
});

export const replicaLag = new Gauge({
  name: 'tracker_replica_lag_seconds',
  help: 'How far each replica is behind the primary, measured on the data version (see src/replicas).',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
});

export const replicaUp = new Gauge({
  name: 'tracker_replica_up',
  help: '1 while a replica answers and is read from when caught up, 0 while it is skipped for not answering.',
  labelNames: ['replica'] as const,
  registers: [metricsRegistry],
});

export const dataVersionSeen = new Gauge({
  name: 'tracker_data_version',
  help: 'The data version last read from each database (primary and replicas).',
  labelNames: ['database'] as const,
  registers: [metricsRegistry],
});

/** Connection pools, read when scraped: any pg.Pool-like object with its three counts. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
const pools = new Map<string, () => PoolCounts | undefined>();

new Gauge({
  name: 'tracker_db_pool_connections',
  help: 'Connections of each pool: total open, idle, and requests waiting for one.',
  labelNames: ['pool', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [pool, counts] of pools) {
      const c = counts();
      if (!c) continue;
      this.set({ pool, state: 'total' }, c.totalCount);
      this.set({ pool, state: 'idle' }, c.idleCount);
      this.set({ pool, state: 'waiting' }, c.waitingCount);
    }
  },
});

/** Reports a pool's counts under `name` until the returned function is called. */
export function watchPool(name: string, counts: () => PoolCounts | undefined): () => void {
  pools.set(name, counts);
  return () => {
    if (pools.get(name) === counts) pools.delete(name);
  };
}

/** Events read from the log and handed to this server's live subscriptions (before their filters). */
export const eventsFannedOut = new Counter({
  name: 'tracker_events_fanned_out_total',
  help: 'Events handed to live subscriptions on this server, before each one filters them (one event, three subscriptions: 3).',
  registers: [metricsRegistry],
});
