import { toGlobalId } from '../../src/graphql/global-id';
import { invariantViolations } from '../support/data-invariants';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createParty } from '../support/factories';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { describeOutcome, Load, missingAcknowledgedWrites, startLoad } from '../support/write-load';

/**
 * A server process killed with SIGKILL in the middle of a stream of concurrent writes: no drain,
 * no rollback from its side, connections simply cut. Postgres must hold every write the server
 * acknowledged and nothing half-done, and a server started afterwards must carry on (no lock or
 * transaction of the dead one left behind).
 */
const ADMIN_KEY = 'fault-admin-key-0123456789abcdef';
const TODAY = '2026-03-10';
const ENV = { ADMIN_API_KEY: ADMIN_KEY, CLOCK_START: `${TODAY}T12:00:00Z` };
jest.setTimeout(90_000);

let database: TestDatabase | undefined;
const servers: ServerProcess[] = [];
let load: Load | undefined;

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  await Promise.all(servers.map((s) => s.dispose()));
  await database?.drop();
});

async function graphql(url: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

it('keeps every acknowledged write and no half-written one when a server is killed with SIGKILL mid-stream, and a new server carries on', async () => {
  database = await createTestDatabase();
  await createParty(database.db, 'PK', 'Pakistan');
  await createParty(database.db, 'CN', 'China');
  const doomed = await startServerProcess({ databaseUrl: database.url, env: ENV });
  servers.push(doomed);

  load = startLoad({ url: doomed.url, adminKey: ADMIN_KEY, writers: 6, readers: 1, tag: 'sigkill', today: TODAY, hangAfterMs: 15_000 });
  await load.untilAcknowledged(40);
  // Kill while several writes are in the middle of their transactions.
  for (let i = 0; i < 5_000 && load.inFlight() < 4; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(load.inFlight()).toBeGreaterThanOrEqual(4);
  const killedAt = Date.now();
  doomed.kill('SIGKILL');
  expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
  await load.stop();

  const { outcomes, acknowledged } = load;
  // Until the kill every request was answered; the kill cut some off in the middle.
  expect(outcomes.filter((o) => o.startedAt + o.ms < killedAt && !o.ok).map(describeOutcome)).toEqual([]);
  const cutOff = outcomes.filter((o) => o.startedAt < killedAt && o.transportError);
  expect(cutOff.filter((o) => o.op !== 'read').length).toBeGreaterThan(0);
  expect(cutOff.filter((o) => o.transportError === 'hung').map(describeOutcome)).toEqual([]);

  // Every acknowledged write is there; every write is there whole or not at all.
  expect(await missingAcknowledgedWrites(database.db, acknowledged)).toEqual([]);
  expect(await invariantViolations(database.db)).toEqual({});

  // A new server on the same database can write to every commitment the dead one was writing:
  // none is still locked by a transaction the kill left open.
  const successor = await startServerProcess({ databaseUrl: database.url, env: ENV });
  servers.push(successor);
  const latest: { id: string; version: number }[] = await database.db.query(
    `SELECT id::text, version FROM commitment WHERE title LIKE 'sigkill writer %' ORDER BY id DESC LIMIT 12`,
  );
  const edits = await Promise.all(
    latest.map(({ id, version }) =>
      graphql(successor.url, `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`, {
        input: { id: toGlobalId('Commitment', id), expectedVersion: version, title: `after the kill ${id}` },
      }),
    ),
  );
  expect(edits.map((e) => [e.status, e.body.errors, e.body.data?.updateCommitment.commitment.version])).toEqual(
    latest.map(({ version }) => [200, undefined, version + 1]),
  );
  expect(await invariantViolations(database.db)).toEqual({});
});
