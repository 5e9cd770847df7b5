import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { CalendarDate } from '../domain/dates';
import type { Clock } from '../domain/clock';
import { createLoaders, Loaders } from './loaders';

/** What every resolver gets. Built fresh for each request and for each subscription event. */
export interface RequestContext {
  db: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
  /** "Today" read once, so one request sees one date even across midnight. */
  today: CalendarDate;
  /** asOf of each root field, by response key (see graphql/as-of.ts). */
  rootAsOf: Map<string | number, CalendarDate>;
  /** The raw Authorization header; checked only by operations that write. */
  authorization?: string;
  /** DataLoaders for this request only: never shared, so no request sees another's cache. */
  loaders: Loaders;
}

export interface AppServices {
  /** The main pool: writes, and reads of callers with a valid API key. */
  db: DataSource;
  /**
   * The pool of callers without a valid key (DB_ANONYMOUS_POOL_SIZE connections, each statement cut
   * off after DB_ANONYMOUS_STATEMENT_TIMEOUT_MS), opened by startServer. Absent where no server
   * runs (scripts, unit tests): then everyone reads through `db`.
   */
  anonymousDb?: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
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
}

export const ANONYMOUS: Caller = { keyed: false };

/**
 * The one place a request's database is chosen (GraphQL requests through createContext, exports
 * directly): keyed callers read through the main pool; everyone else through the anonymous pool,
 * whose small size and short statement timeout are the time budget of an anonymous request, so no
 * anonymous load can starve keyed writers.
 */
export function poolFor(services: AppServices, caller: Caller): DataSource {
  return caller.keyed || caller.unverified ? services.db : (services.anonymousDb ?? services.db);
}

export function createContext(services: AppServices, caller: Caller = ANONYMOUS): RequestContext {
  const db = poolFor(services, caller);
  return {
    ...services,
    db,
    today: services.clock.today(),
    rootAsOf: new Map(),
    authorization: caller.authorization,
    loaders: createLoaders(db, services.config),
  };
}
