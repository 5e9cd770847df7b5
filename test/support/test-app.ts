import 'reflect-metadata';
import { loadConfig, Config } from '../../src/config';
import { createClock, Clock } from '../../src/domain/clock';
import { createDataSource } from '../../src/db/data-source';
import { createLogger } from '../../src/logger';
import { startScheduler } from '../../src/scheduler/scheduler';
import { startServer } from '../../src/server';
import { seedDatabase } from '../../seeds/seed';
import { createTestDatabase, TestDatabase } from './database';

export interface TestApp extends TestDatabase {
  url: string;
  /** The database's own URL (`url` is the server's). */
  databaseUrl: string;
  clock: Clock;
  config: Config;
  /** POSTs a GraphQL operation and returns the parsed body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: any[] }>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Load the articles' commitments first. */
  seed?: boolean;
  env?: Record<string, string>;
  onQuery?: (sql: string) => void;
  /** Serve this app's database instead of a new one, like a second server behind a load balancer; stop() leaves it in place. */
  shareDatabaseOf?: TestApp;
  /** Run the scheduler (time-driven status changes) as main.ts does. */
  scheduler?: boolean;
}

async function openDatabase(options: TestAppOptions): Promise<TestDatabase> {
  if (!options.shareDatabaseOf) return createTestDatabase({ onQuery: options.onQuery });
  const url = options.shareDatabaseOf.databaseUrl;
  const db = await createDataSource({ url, onQuery: options.onQuery }).initialize();
  return {
    url,
    db,
    drop: async () => {
      if (db.isInitialized) await db.destroy();
    },
  };
}

/** A real server on a free port over a database of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openDatabase(options);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const clock = createClock({ start: config.clockStart, timeZone: config.timeZone });
  const log = createLogger(config.logLevel);
  if (options.seed) await seedDatabase(database.db, clock);
  const server = await startServer({ db: database.db, config, clock, log }, 0);
  const scheduler = options.scheduler ? startScheduler({ db: database.db, config, clock, log }) : undefined;
  const graphql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  return {
    ...database,
    url: server.url,
    databaseUrl: database.url,
    clock,
    config,
    graphql,
    stop: async () => {
      await scheduler?.stop();
      await server.stop();
      await database.drop();
    },
  };
}
