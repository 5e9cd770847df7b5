import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';

export interface TestDatabase {
  url: string;
  db: DataSource;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_CLUSTER_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A migrated, empty database of the caller's own, cloned from the run's template. */
export async function createTestDatabase(options: { onQuery?: (sql: string) => void; poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `tracker_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_TEMPLATE_DB}`));
  const url = new URL(process.env.TEST_CLUSTER_URL!);
  url.pathname = `/${name}`;
  const db = await createDataSource({ url: url.toString(), ...options }).initialize();
  return {
    url: url.toString(),
    db,
    drop: async () => {
      if (db.isInitialized) await db.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Undoes migrations, newest first, until `migration` (a class name such as DueDateChanges1768500000000) is no longer applied. */
export async function migrateDownBefore(db: DataSource, migration: string): Promise<void> {
  const applied = async () => (await db.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name);
  while ((await applied()).includes(migration)) await db.undoLastMigration({ transaction: 'each' });
}
