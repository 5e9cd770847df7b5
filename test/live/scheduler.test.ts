import { loadConfig } from '../../src/config';
import { createClock } from '../../src/domain/clock';
import { addDays } from '../../src/domain/dates';
import { horizonFrom } from '../../src/domain/recurrence';
import { encodeEventCursor } from '../../src/events/event-cursor';
import { toGlobalId } from '../../src/graphql/global-id';
import { createLogger } from '../../src/logger';
import { runSchedulerTick } from '../../src/scheduler/scheduler';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createCommitment, createFollowUp, createReport } from '../support/factories';
import { pause, subscribe } from '../support/live-client';
import { startTestApp } from '../support/test-app';

describe('time-driven status changes', () => {
  it('announces OVERDUE to every server’s subscribers once, within a second of midnight', async () => {
    const env = { CLOCK_START: '2026-04-07T23:59:57Z', SCHEDULER_INTERVAL_MS: '60000' };
    const a = await startTestApp({ env, scheduler: true });
    const b = await startTestApp({ env, scheduler: true, shareDatabaseOf: a });
    try {
      const commitment = await createCommitment(a.db, { title: 'First JWG meeting' });
      const followUp = await createFollowUp(a.db, { commitmentId: commitment, dueDate: '2026-04-07' });
      const after = encodeEventCursor('0');
      const subscribers = [subscribe(a.url, { after }), subscribe(a.url, { after }), subscribe(b.url, { after })];
      const arrivals = await Promise.all(subscribers.map(async (s) => (await s.waitForCount(1, 8_000), a.clock.now())));
      await pause(1_500);
      for (const s of subscribers) {
        expect(s.events).toEqual([
          expect.objectContaining({
            kind: 'STATUS_CHANGED',
            previousStatus: 'DUE_SOON',
            status: 'OVERDUE',
            occurredAt: '2026-04-08T00:00:00.000Z',
            followUp: { id: toGlobalId('FollowUp', followUp) },
          }),
        ]);
      }
      for (const at of arrivals) expect(at.getTime()).toBeLessThan(Date.parse('2026-04-08T00:00:01Z'));
      await Promise.all(subscribers.map((s) => s.dispose()));

      // A restarted scheduler finds the day already done.
      const outcome = await runSchedulerTick({ db: b.db, config: b.config, clock: b.clock, log: createLogger('silent') });
      expect(outcome).toMatchObject({ ran: true, events: 0 });
      const [{ count }] = await a.db.query(`SELECT count(*)::int AS count FROM commitment_event WHERE kind = 'STATUS_CHANGED'`);
      expect(count).toBe(1);
    } finally {
      await b.stop();
      await a.stop();
    }
  });
});

describe('a report dated ahead of the day it is recorded', () => {
  it('changes no status when recorded and announces the change exactly once when its day comes', async () => {
    const env = { ADMIN_API_KEY: 'admin-key-for-the-scheduler-test', CLOCK_START: '2026-04-08T20:00:00Z', SCHEDULER_INTERVAL_MS: '86400000' };
    const app = await startTestApp({ env });
    const auth = { authorization: `Bearer ${env.ADMIN_API_KEY}` };
    const tick = (instant: string) => runSchedulerTick({ db: app.db, config: app.config, log: createLogger('silent'), clock: createClock({ start: new Date(instant), timeZone: 'UTC' }) });
    try {
      await tick('2026-04-08T20:00:00Z');
      await app.db.query(`INSERT INTO party (code, name) VALUES ('PK', 'Pakistan')`);
      const created = await app.graphql(`mutation { createCommitment(input: { title: "Open the unit", partyCodes: ["PK"], dueDate: "2026-04-15" }) {
        commitment { id followUps { nodes { id } } } } }`, {}, auth);
      const followUpId = created.data.createCommitment.commitment.followUps.nodes[0].id;
      const report = (reportedOn: string) => app.graphql(`mutation ($f: ID!, $d: Date!) { reportProgress(input: { followUpId: $f, state: DONE, reportedOn: $d }) {
        followUp { status } } }`, { f: followUpId, d: reportedOn }, auth);
      const statusEvents = () => app.db.query(`SELECT previous_status AS "from", status AS "to", occurred_at AS at, actor FROM commitment_event WHERE kind = 'STATUS_CHANGED' ORDER BY id`);

      // Recorded on the 8th, dated the 9th: still DUE_SOON today, nothing announced.
      expect((await report('2026-04-09')).data.reportProgress.followUp.status).toBe('DUE_SOON');
      expect(await statusEvents()).toEqual([]);

      await tick('2026-04-09T00:00:05Z');
      const expected = [{ from: 'DUE_SOON', to: 'DONE', at: new Date('2026-04-09T00:00:00Z'), actor: 'scheduler' }];
      expect(await statusEvents()).toEqual(expected);
      // Later ticks, and catching up over many days, never announce it again.
      await tick('2026-04-09T12:00:00Z');
      await tick('2026-04-20T00:00:05Z');
      expect(await statusEvents()).toEqual(expected);
    } finally {
      await app.stop();
    }
  });

  it('is announced by the write alone when recorded on its own day', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test' });
    const tick = (instant: string) => runSchedulerTick({ db: database.db, config, log: createLogger('silent'), clock: createClock({ start: new Date(instant), timeZone: 'UTC' }) });
    try {
      await tick('2026-04-08T10:00:00Z');
      const commitment = await createCommitment(database.db);
      const followUp = await createFollowUp(database.db, { commitmentId: commitment, dueDate: '2026-06-30' });
      // Recorded (created_at: now) on the day it is dated, after the scheduler last ran: the
      // write announced it, so the scheduler's pass over that day adds nothing.
      await database.db.query(`INSERT INTO progress_report (follow_up_id, state, reported_on, recorded_by, created_at) VALUES ($1, 'DONE', '2026-04-09', 'test', '2026-04-09T08:00:00Z')`, [followUp]);
      expect(await tick('2026-04-10T00:00:05Z')).toMatchObject({ ran: true, events: 0 });
    } finally {
      await database.drop();
    }
  });
});

describe('runSchedulerTick', () => {
  let database: TestDatabase;
  const config = loadConfig({ NODE_ENV: 'test' });
  const log = createLogger('silent');
  const at = (instant: string) => ({ db: database.db, config, log, clock: createClock({ start: new Date(instant), timeZone: 'UTC' }) });
  const statusEvents = () =>
    database.db.query(
      `SELECT follow_up_id AS "followUpId", previous_status AS "from", status AS "to", occurred_at AS "at", actor
         FROM commitment_event WHERE kind = 'STATUS_CHANGED' ORDER BY id`,
    );

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('starts counting on a fresh database from today, without announcing the past', async () => {
    const commitment = await createCommitment(database.db);
    await createFollowUp(database.db, { commitmentId: commitment, dueDate: '2025-01-01' });
    expect(await runSchedulerTick(at('2026-04-07T10:00:00Z'))).toMatchObject({ ran: true, processedThrough: '2026-04-07', events: 0 });
    expect(await statusEvents()).toEqual([]);
  });

  it('catches up on missed days with each change on its own day, and never repeats them', async () => {
    await runSchedulerTick(at('2026-04-01T10:00:00Z'));
    const commitment = await createCommitment(database.db);
    const slipping = await createFollowUp(database.db, { commitmentId: commitment, dueDate: '2026-04-20' });
    const done = await createFollowUp(database.db, { commitmentId: commitment, dueDate: '2026-04-10' });
    await createReport(database.db, { followUpId: done, state: 'DONE', reportedOn: '2026-04-02' });
    await createFollowUp(database.db, { commitmentId: commitment, dueDate: null });

    // Down for four weeks; then two servers tick at once.
    const outcomes = await Promise.all([runSchedulerTick(at('2026-04-30T00:00:05Z')), runSchedulerTick(at('2026-04-30T00:00:05Z'))]);
    expect(outcomes.map((o) => (o.ran ? o.events : 0)).sort()).toEqual([0, 2]);
    expect(await statusEvents()).toEqual([
      { followUpId: slipping, from: 'SCHEDULED', to: 'DUE_SOON', at: new Date('2026-04-06T00:00:00Z'), actor: 'scheduler' },
      { followUpId: slipping, from: 'DUE_SOON', to: 'OVERDUE', at: new Date('2026-04-21T00:00:00Z'), actor: 'scheduler' },
    ]);

    expect(await runSchedulerTick(at('2026-04-30T12:00:00Z'))).toMatchObject({ ran: true, events: 0 });
    expect(await statusEvents()).toHaveLength(2);
  });

  it('skips its turn while another server holds the lock', async () => {
    const runner = database.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT pg_advisory_xact_lock(hashtext('tracker:scheduler'))`);
    try {
      expect(await runSchedulerTick(at('2026-04-07T10:00:00Z'))).toEqual({ ran: false, reason: 'another server holds the lock' });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('extends recurring commitments to the horizon as the days pass', async () => {
    await runSchedulerTick(at('2026-04-01T10:00:00Z'));
    const [{ id }] = await database.db.query(
      `INSERT INTO commitment (title, recurrence, starts_on, materialized_through)
       VALUES ('Quarterly JWG meeting', 'FREQ=MONTHLY;INTERVAL=3', '2026-01-15', $1) RETURNING id`,
      [horizonFrom('2026-04-01')],
    );
    await runSchedulerTick(at('2026-06-01T10:00:00Z'));
    const [row] = await database.db.query(`SELECT materialized_through AS through, (SELECT max(due_date) FROM follow_up WHERE commitment_id = $1) AS last FROM commitment WHERE id = $1`, [id]);
    expect(row.through).toBe(horizonFrom('2026-06-01'));
    expect(row.last > addDays('2026-06-01', 600)).toBe(true);
  });
});
