import { Client } from 'pg';
import { poolOf } from '../../src/db/pool-of';
import { failOverToPrimary } from '../../src/replicas/read-failover';
import { createTestDatabase, TestDatabase } from '../support/database';

/** read-failover.ts on two real databases of the test cluster: one plays the replica, one the primary. */
describe('statements of a replica that stops answering, re-run on the primary', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let admin: Client;
  const failures: Error[] = [];
  const name = (db: TestDatabase) => new URL(db.url).pathname.slice(1);

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    failOverToPrimary(replica.db, poolOf(primary.db)!, (error) => failures.push(error));
    admin = new Client({ connectionString: process.env.TEST_CLUSTER_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${name(replica)} ALLOW_CONNECTIONS true`);
    await admin.end();
    await Promise.all([primary.drop(), replica.drop()]);
  });

  const answeredBy = async () => (await replica.db.query(`SELECT current_database() AS db`))[0].db;

  it('answers from the replica while it answers', async () => {
    expect(await answeredBy()).toBe(name(replica));
    expect(failures).toEqual([]);
  });

  it('re-runs on the primary a statement whose replica session is ended under it, and says so', async () => {
    const slow = replica.db.query(`SELECT current_database() AS db, pg_sleep(0.5)`);
    await new Promise((r) => setTimeout(r, 150));
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`, [
      name(replica),
    ]);
    expect((await slow)[0].db).toBe(name(primary));
    expect(failures.length).toBe(1);
  });

  it('takes a connection from the primary when the replica refuses one', async () => {
    await admin.query(`ALTER DATABASE ${name(replica)} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name(replica)]);
    await new Promise((r) => setTimeout(r, 100)); // the pool drops the connections it had
    expect(await answeredBy()).toBe(name(primary));
    expect(failures.length).toBeGreaterThan(1);
  });

  it('passes errors that are not the replica going away through unchanged', async () => {
    await admin.query(`ALTER DATABASE ${name(replica)} ALLOW_CONNECTIONS true`);
    const before = failures.length;
    await expect(replica.db.query(`SELECT no_such_column FROM data_version`)).rejects.toThrow(/no_such_column/);
    expect(failures.length).toBe(before);
  });
});
