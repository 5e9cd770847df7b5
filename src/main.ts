import 'reflect-metadata';
import { loadConfig } from './config';
import { runEntryPoint } from './entry-point';
import { openDatabase } from './db/open-database';
import { prepareDatabase } from './db/prepare';
import { createClock } from './domain/clock';
import { createLogger } from './logger';
import { startScheduler } from './scheduler/scheduler';
import { assertCanListen } from './http/listen';
import { startServer } from './server';
import { withEmbeddedWebhookKey } from './webhooks/secret-box';

/** Entry point: read the configuration, get a database, migrate and seed it, serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  await assertCanListen(config.host, config.port); // before the database is touched
  const { db, close } = await openDatabase(config, log);
  const clock = createClock({ start: config.clockStart, timeZone: config.timeZone });
  const server = await prepareDatabase(db, clock, log)
    // The embedded default's webhook key is generated only once its cluster is up: a start that fails earlier leaves nothing behind.
    .then(async () => startServer({ db, config: await withEmbeddedWebhookKey(config), clock, log }, config.port))
    .catch(async (err: unknown) => {
      await close(); // stops the embedded Postgres: a failed start leaves nothing running
      throw err;
    });
  const scheduler = startScheduler({ db, config, clock, log });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await server.stop();
    await close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

runEntryPoint(main);
