import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from '../db/data-source';
import { poolOf } from '../db/pool-of';
import { dataVersionSeen, replicaFailovers, replicaLag, replicaUp, watchPool } from '../metrics/metrics';
import { currentDataVersion } from '../response-cache/data-version.repository';
import { failOverToPrimary } from './read-failover';
import { PrimaryVersionHistory } from './replica-lag';

/** How often the primary's and every replica's data version are read. */
const POLL_MS = 250;
/** A replica that takes longer than this to answer the poll counts as not answering. */
const PROBE_TIMEOUT_MS = 500;
/** Cap on waiting for a replica connection: a replica that cannot give one in this time is skipped, so it is skipped within a second. */
const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

interface Replica {
  /** host:port/database: the URL without credentials, for logs and metric labels. */
  name: string;
  url: string;
  /** What reads use; its statements fail over to the primary (read-failover.ts). */
  db?: DataSource;
  /** One connection of its own for the polls, which must never fail over: they ask the replica itself. */
  probe: Pool;
  /** Its data version at the last poll that reached it. */
  version?: number;
  up: boolean;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer!: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function nameOf(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

/**
 * Chooses, per anonymous read, between the primary and the replicas of DATABASE_READ_URLS. Every
 * POLL_MS it reads the data version of the primary and of each replica (one indexed row each): a
 * replica is chosen when it answered the last poll, has at least the version the request needs
 * (X-Min-Data-Version) and is less than REPLICA_MAX_LAG_MS behind (see PrimaryVersionHistory);
 * among several, in turn. Otherwise the primary answers, which always has the newest data.
 *
 * A replica that stops answering is skipped from the first failed statement or poll (its reads
 * under way fail over to the primary, see read-failover.ts) and taken back at the first poll it
 * answers. A replica that cannot be reached when the server starts is connected to later.
 */
export class ReadRouter {
  private readonly replicas: Replica[];
  private readonly history: PrimaryVersionHistory;
  private turn = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly unwatch: (() => void)[] = [];

  private constructor(
    private readonly primary: DataSource,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.replicas = config.databaseReadUrls.map((url) => ({
      name: nameOf(url),
      url,
      up: false,
      probe: new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: PROBE_TIMEOUT_MS, application_name: 'follow-through-tracker:replica-poll' }),
    }));
    for (const r of this.replicas) r.probe.on('error', () => undefined); // a dropped idle connection is seen at the next poll
    this.history = new PrimaryVersionHistory(Math.max(config.replicaMaxLagMs * 2, 10_000));
  }

  static async start({ db, config, log }: { db: DataSource; config: Config; log: Logger }): Promise<ReadRouter> {
    const router = new ReadRouter(db, config, log);
    await router.poll();
    router.schedule();
    return router;
  }

  /** The database for an anonymous read that needs data at least as new as `minDataVersion`. */
  forAnonymousRead(minDataVersion: number): DataSource {
    const now = Date.now();
    const usable = this.replicas.filter(
      (r) => r.up && r.db && r.version !== undefined && r.version >= minDataVersion && this.history.lagMs(r.version, now) <= this.config.replicaMaxLagMs,
    );
    if (!usable.length) return this.primary;
    this.turn = (this.turn + 1) % usable.length;
    return usable[this.turn].db!;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unwatch.forEach((u) => u());
    await Promise.all(this.replicas.flatMap((r) => [r.db?.destroy().catch(() => undefined), r.probe.end().catch(() => undefined)]));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), POLL_MS);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const now = Date.now();
    try {
      const version = await withTimeout(currentDataVersion(this.primary), PROBE_TIMEOUT_MS);
      this.history.observe(version, now);
      dataVersionSeen.set({ database: 'primary' }, version);
    } catch {
      // The primary not answering is /readyz's business; replicas keep their last standing.
    }
    await Promise.all(this.replicas.map((r) => this.probe(r)));
  }

  private async probe(replica: Replica): Promise<void> {
    try {
      const probe = replica.probe;
      replica.version = await withTimeout(currentDataVersion({ query: async (sql: string) => (await probe.query(sql)).rows as never }), PROBE_TIMEOUT_MS);
      replica.db ??= await this.open(replica);
      if (!replica.up) this.log.info({ replica: replica.name, version: replica.version }, 'replica answers: reading from it when it is caught up');
      replica.up = true;
      dataVersionSeen.set({ database: replica.name }, replica.version);
    } catch (err) {
      this.markDown(replica, err as Error);
    }
    replicaUp.set({ replica: replica.name }, replica.up ? 1 : 0);
    const lag = replica.version === undefined ? Infinity : this.history.lagMs(replica.version, Date.now());
    replicaLag.set({ replica: replica.name }, Number.isFinite(lag) ? lag / 1000 : -1);
  }

  private async open(replica: Replica): Promise<DataSource> {
    const { config } = this;
    const db = createDataSource({
      url: replica.url,
      poolSize: config.dbPoolSize,
      // Only anonymous reads come here: they carry the anonymous time budget.
      statementTimeoutMs: config.dbAnonymousStatementTimeoutMs,
      connectionTimeoutMs: Math.min(config.dbPoolTimeoutMs, REPLICA_CONNECT_TIMEOUT_MS),
    });
    try {
      await withTimeout(db.initialize(), REPLICA_CONNECT_TIMEOUT_MS * 2);
    } catch (err) {
      await db.destroy().catch(() => undefined);
      throw err;
    }
    failOverToPrimary(db, poolOf(this.primary)!, (error) => {
      replicaFailovers.inc({ replica: replica.name });
      this.markDown(replica, error);
    });
    this.unwatch.push(watchPool(replica.name, () => poolOf(db)));
    return db;
  }

  private markDown(replica: Replica, error: Error): void {
    if (replica.up) this.log.warn({ replica: replica.name, err: error.message }, 'replica does not answer: reading from the primary until it does');
    replica.up = false;
    replicaUp.set({ replica: replica.name }, 0);
  }
}
