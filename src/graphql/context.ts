import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { Config } from '../config';
import type { CalendarDate } from '../domain/dates';
import type { Clock } from '../domain/clock';
import type { ReadRouter } from '../replicas/read-router';
import { readsByTarget } from '../metrics/metrics';
import { currentDataVersion } from '../response-cache/data-version.repository';
import { createLoaders, Loaders } from './loaders';

/** What every resolver gets. Built fresh for each request and for each subscription event. */
export interface RequestContext {
  /** The database this request reads (and, for writes, writes) through: see createContext. */
  db: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  /** "Today" read once, so one request sees one date even across midnight. */
  today: CalendarDate;
  /** asOf of each root field, by response key (see graphql/as-of.ts). */
  rootAsOf: Map<string | number, CalendarDate>;
  /** knownAt of each root field (an ISO instant; null: now), by response key (see graphql/known-at.ts). */
  rootKnownAt: Map<string | number, string | null>;
  /** The raw Authorization header; checked only by operations that write. */
  authorization?: string;
  /** The key behind `authorization`, when the caller check already found it valid. */
  callerKey?: ApiKeyEntity;
  /** DataLoaders for this request only: never shared, so no request sees another's cache. */
  loaders: Loaders;
  /**
   * The data version of `db`, read once on first call: what the response cache keys by and what
   * X-Data-Version and the ETag report. Read before the operation runs, so the answer is at least
   * that new (a write committing in between makes it newer, never older).
   */
  dataVersion(): Promise<number>;
  /**
   * Set by a write that knows the data version its commit made (see appendEvents), so that a
   * mutation of that one write can report it without reading it again.
   */
  committedDataVersion?: number;
}

export interface AppServices {
  /** The primary's main pool: writes, keyed requests, the scheduler, LISTEN and the event log. */
  db: DataSource;
  /**
   * The primary's pool for callers without a valid key (DB_ANONYMOUS_POOL_SIZE connections, each
   * statement cut off after DB_ANONYMOUS_STATEMENT_TIMEOUT_MS), opened by startServer. Absent where
   * no server runs (scripts, unit tests): then everyone reads through `db`.
   */
  anonymousDb?: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Read replicas for anonymous HTTP reads (DATABASE_READ_URLS); absent, everything reads `db`. */
  reads?: ReadRouter;
}

/** Who is asking: the raw Authorization header, and whether it holds a valid, unrevoked key. */
export interface Caller {
  authorization?: string;
  keyed: boolean;
  /**
   * A key was sent but the database could not say whether it is valid: the request reads through
   * the main pool (where it meets the same trouble and reports it), yet counts as anonymous.
   */
  unverified?: boolean;
  /** The valid key the check found (keyed callers only), so requireRole need not read it again. */
  key?: ApiKeyEntity;
}

export const ANONYMOUS: Caller = { keyed: false };

/** What an HTTP request asks of the data it reads: X-Min-Data-Version (0 when absent). */
export interface ReadRequirement {
  minDataVersion: number;
}

/**
 * The pool of the primary a caller reads through: keyed callers the main pool; everyone else the
 * anonymous pool, whose small size and short statement timeout are the time budget of an
 * anonymous request, so no anonymous load can starve keyed writers. (Exports use it directly.)
 */
export function poolFor(services: AppServices, caller: Caller): DataSource {
  return caller.keyed || caller.unverified ? services.db : (services.anonymousDb ?? services.db);
}

/**
 * The one place a request's database is chosen. A caller with a key (it may write, or see what
 * only keys may) uses the primary's main pool. An anonymous HTTP read (one with a `read`
 * requirement) goes to a replica that has at least `minDataVersion` and is not too far behind
 * (replica pools carry the anonymous statement timeout too); anything else anonymous, and an
 * anonymous read no replica can serve, uses the primary's anonymous pool. Subscription events have
 * no `read` requirement: they must see the write that announced them, so they read the primary.
 */
export function createContext(services: AppServices, caller: Caller = ANONYMOUS, read?: ReadRequirement): RequestContext {
  const primary = poolFor(services, caller);
  const routed = primary !== services.db && read && services.reads ? services.reads.forAnonymousRead(read.minDataVersion) : primary;
  // The router answers with the primary when no replica will do: the anonymous pool of it, then.
  const db = routed === services.db ? primary : routed;
  if (read) readsByTarget.inc({ target: db === primary ? 'primary' : 'replica' });
  let version: Promise<number> | undefined;
  return {
    ...services,
    db,
    today: services.clock.today(),
    rootAsOf: new Map(),
    rootKnownAt: new Map(),
    authorization: caller.authorization,
    callerKey: caller.key,
    loaders: createLoaders(db, services.config),
    dataVersion: () => (version ??= currentDataVersion(db)),
  };
}
