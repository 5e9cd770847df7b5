import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createDataSource } from './db/data-source';
import { ensureDatabase, startEmbeddedPostgres } from './db/embedded-postgres';
import { prepareDatabase } from './db/prepare';
import { createClock } from './domain/clock';
import { createLogger } from './logger';
import { startScheduler } from './scheduler/scheduler';
import { startServer } from './server';

/** Entry point: read the configuration, get a database, migrate and seed it, serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  const url = config.databaseUrl ?? (await ensureDatabase(embedded!.url, 'tracker'));
  const db = await createDataSource({
    url,
    poolSize: config.dbPoolSize,
    connectionTimeoutMs: config.dbPoolTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  }).initialize();
  const clock = createClock({ start: config.clockStart, timeZone: config.timeZone });
  await prepareDatabase(db, clock, log);
  const server = await startServer({ db, config, clock, log }, config.port);
  const scheduler = startScheduler({ db, config, clock, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await server.stop();
    await db.destroy();
    await embedded?.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
