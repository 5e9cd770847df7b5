import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { startScratchPostgres } from './scratch-postgres';

/**
 * One Postgres per test run: the one DATABASE_URL names, or an embedded one in a temporary
 * directory. A migrated template database is made once; each test file clones it (fast) into a
 * database of its own, so files never share state.
 */
export default async function globalSetup(): Promise<void> {
  let clusterUrl = process.env.DATABASE_URL;
  if (!clusterUrl) {
    const embedded = await startScratchPostgres('tracker-test-pg-');
    (globalThis as Record<string, unknown>).__trackerEmbedded = embedded;
    clusterUrl = embedded.url;
  }
  const template = `tracker_template_${process.pid}`;
  const admin = new Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const url = new URL(clusterUrl);
  url.pathname = `/${template}`;
  const db = await createDataSource({ url: url.toString() }).initialize();
  await db.runMigrations({ transaction: 'each' });
  await db.destroy();

  process.env.TEST_CLUSTER_URL = clusterUrl;
  process.env.TEST_TEMPLATE_DB = template;
}
