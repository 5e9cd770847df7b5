import { Client } from 'pg';
import type { ScratchPostgres } from './scratch-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__trackerEmbedded as ScratchPostgres | undefined;
  if (embedded) {
    await embedded.destroy();
    return;
  }
  const admin = new Client({ connectionString: process.env.TEST_CLUSTER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${process.env.TEST_TEMPLATE_DB}`);
  await admin.end();
}
