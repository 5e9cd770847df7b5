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
  /** knownAt of each root field (an ISO instant; null: now), by response key (see graphql/known-at.ts). */
  rootKnownAt: Map<string | number, string | null>;
  /** The raw Authorization header; checked only by operations that write. */
  authorization?: string;
  /** DataLoaders for this request only: never shared, so no request sees another's cache. */
  loaders: Loaders;
}

export interface AppServices {
  db: DataSource;
  config: Config;
  clock: Clock;
  log: Logger;
}

export function createContext(services: AppServices, authorization?: string): RequestContext {
  return {
    ...services,
    today: services.clock.today(),
    rootAsOf: new Map(),
    rootKnownAt: new Map(),
    authorization,
    loaders: createLoaders(services.db, services.config),
  };
}
