import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Clock } from '../domain/clock';
import { seedDatabase } from '../../seeds/seed';

/**
 * Brings a database up to date: pending migrations, then the articles' data — only into an empty
 * database when a server starts, always (idempotently) for `npm run seed`. Several processes may
 * start at once; an advisory lock makes them take turns.
 */
export async function prepareDatabase(db: DataSource, clock: Clock, log: Logger, seed: 'if-empty' | 'always' = 'if-empty'): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['tracker:prepare']);
    const applied = await db.runMigrations({ transaction: 'each' });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    const [{ empty }] = await runner.query('SELECT NOT EXISTS (SELECT 1 FROM party) AS empty');
    if (empty || seed === 'always') {
      const inserted = await seedDatabase(db, clock);
      log.info({ inserted }, 'database seeded with the source articles');
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['tracker:prepare']).catch(() => undefined);
    await runner.release();
  }
}
