import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
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
  /** The primary: writes, keyed requests, the scheduler, LISTEN and the event log. */
  db: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Read replicas for anonymous HTTP reads (DATABASE_READ_URLS); absent, everything reads `db`. */
  reads?: ReadRouter;
}

/** What an HTTP request asks of the data it reads: X-Min-Data-Version (0 when absent). */
export interface ReadRequirement {
  minDataVersion: number;
}

/**
 * The one place a request's database is chosen. A request with a key (it may write, or see what
 * only keys may) and anything without a `read` requirement (subscription events, which must see
 * the write that announced them) use the primary; an anonymous HTTP read goes to a replica that
 * has at least `minDataVersion` and is not too far behind, else to the primary.
 */
export function createContext(services: AppServices, authorization?: string, read?: ReadRequirement): RequestContext {
  const db = !authorization && read && services.reads ? services.reads.forAnonymousRead(read.minDataVersion) : services.db;
  if (read) readsByTarget.inc({ target: db === services.db ? 'primary' : 'replica' });
  let version: Promise<number> | undefined;
  return {
    ...services,
    db,
    today: services.clock.today(),
    rootAsOf: new Map(),
    rootKnownAt: new Map(),
    authorization,
    loaders: createLoaders(db, services.config),
    dataVersion: () => (version ??= currentDataVersion(db)),
  };
}
