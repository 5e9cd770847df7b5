import { parseGlobalId, toGlobalId } from '../../src/graphql/global-id';
import type { Queryable } from '../../src/db/queryable';

/**
 * A stream of concurrent reads and writes against a running server, for the fault tests: it
 * records how every request ended and every write the server acknowledged, so that a test can
 * check afterwards that each acknowledged write is in the database.
 *
 * Each writer works on commitments of its own: it creates one (one-off or monthly, so with one or
 * about two dozen follow-ups), then reports progress on it and edits it, each edit naming the
 * version it expects. When a write fails its outcome is unknown (the server may have died or lost
 * the database between COMMIT and the answer), so the writer leaves that commitment and creates a
 * new one; acknowledged writes therefore never conflict.
 */
export interface Outcome {
  op: 'read' | 'create' | 'report' | 'update';
  startedAt: number;
  ms: number;
  /** HTTP status; undefined when no response came (connection refused or reset, or abandoned). */
  status?: number;
  /** extensions.code of every error in the body. */
  codes: string[];
  messages: string[];
  /** Why no response came; 'hung' when none came within hangAfterMs. */
  transportError?: string;
  /** HTTP 200 with data and no errors. */
  ok: boolean;
}

/** One line per outcome, for assertion messages that show what went wrong. */
export const describeOutcome = (o: Outcome) => `${o.op} after ${o.ms} ms: ${o.status ?? o.transportError} ${o.codes.join(',')} ${o.messages.join(' | ')}`;

export type Acknowledged =
  | { kind: 'create'; commitmentId: string; followUpIds: string[] }
  | { kind: 'report'; commitmentId: string; reportId: string }
  | { kind: 'update'; commitmentId: string; version: number; title: string };

export interface LoadOptions {
  url: string;
  adminKey: string;
  writers: number;
  readers: number;
  /** Distinguishes this load's titles. */
  tag: string;
  /** The server's today: reports are dated on it. */
  today: string;
  /** A request with no answer after this long is abandoned and recorded as 'hung'. */
  hangAfterMs: number;
  /** Pause after a failed request, so a writer does not spin while the server refuses. */
  pauseAfterFailureMs?: number;
}

export interface Load {
  outcomes: Outcome[];
  acknowledged: Acknowledged[];
  /** Requests sent and not yet answered. */
  inFlight(): number;
  /** Resolves once at least `count` writes were acknowledged; rejects after timeoutMs. */
  untilAcknowledged(count: number, timeoutMs?: number): Promise<void>;
  /** Stops sending and waits for the requests in flight to end. */
  stop(): Promise<void>;
}

const CREATE = `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) {
  commitment { id version followUps(first: 100) { nodes { id } } } } }`;
const REPORT = `mutation ($input: ReportProgressInput!) { reportProgress(input: $input) { report { id } followUp { id } } }`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id version title } } }`;
const READS = [
  `{ commitments(first: 20) { totalCount nodes { id title version followUps(first: 5) { nodes { status dueDate } } } } }`,
  `{ parties { code name } followThrough(partyCode: "PK") { dueFollowUps byStatus { status count } } }`,
];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startLoad(options: LoadOptions): Load {
  const { url, adminKey, tag, today, hangAfterMs, pauseAfterFailureMs = 50 } = options;
  const outcomes: Outcome[] = [];
  const acknowledged: Acknowledged[] = [];
  let stopped = false;
  let pending = 0;

  async function send(op: Outcome['op'], query: string, variables?: Record<string, unknown>): Promise<{ outcome: Outcome; data?: any }> {
    const startedAt = Date.now();
    const outcome: Outcome = { op, startedAt, ms: 0, codes: [], messages: [], ok: false };
    pending++;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(op === 'read' ? {} : { authorization: `Bearer ${adminKey}` }) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(hangAfterMs),
      });
      outcome.status = res.status;
      const text = await res.text();
      let body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } = {};
      try {
        body = JSON.parse(text);
      } catch {
        outcome.messages.push(`not JSON: ${text.slice(0, 200)}`);
      }
      outcome.codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '(no code)');
      outcome.messages.push(...(body.errors ?? []).map((e) => e.message));
      outcome.ok = res.status === 200 && !body.errors && body.data != null;
      return { outcome, data: outcome.ok ? body.data : undefined };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      outcome.transportError = e.name === 'TimeoutError' ? 'hung' : (e.cause?.code ?? e.message);
      return { outcome };
    } finally {
      pending--;
      outcome.ms = Date.now() - startedAt;
      outcomes.push(outcome);
      if (!outcome.ok && !stopped) await pause(pauseAfterFailureMs);
    }
  }

  async function writer(w: number): Promise<void> {
    for (let n = 0; !stopped; n++) {
      const recurring = n % 2 === 1;
      const created = await send('create', CREATE, {
        input: {
          title: `${tag} writer ${w} commitment ${n}`,
          partyCodes: ['PK', 'CN'],
          ...(recurring ? { recurrence: 'FREQ=MONTHLY', startsOn: '2026-04-01' } : { dueDate: '2026-06-30' }),
        },
      });
      if (!created.data) continue;
      const commitment = created.data.createCommitment.commitment;
      const commitmentId = dbId(commitment.id);
      const followUps: string[] = commitment.followUps.nodes.map((f: { id: string }) => f.id);
      acknowledged.push({ kind: 'create', commitmentId, followUpIds: followUps.map(dbId) });
      let version: number = commitment.version;
      for (let step = 0; step < 4 && !stopped; step++) {
        if (step % 2 === 0) {
          const reported = await send('report', REPORT, {
            input: { followUpId: followUps[step % followUps.length], state: step ? 'DONE' : 'IN_PROGRESS', reportedOn: today, note: `${tag} ${w}/${n}/${step}` },
          });
          if (!reported.data) break;
          acknowledged.push({ kind: 'report', commitmentId, reportId: dbId(reported.data.reportProgress.report.id) });
          version++;
        } else {
          const title = `${tag} writer ${w} commitment ${n} edit ${step}`;
          const updated = await send('update', UPDATE, { input: { id: commitment.id, expectedVersion: version, title } });
          if (!updated.data) break;
          version = updated.data.updateCommitment.commitment.version;
          acknowledged.push({ kind: 'update', commitmentId, version, title });
        }
      }
    }
  }

  async function reader(r: number): Promise<void> {
    for (let n = r; !stopped; n++) await send('read', READS[n % READS.length]);
  }

  const loops = [...Array.from({ length: options.writers }, (_, w) => writer(w)), ...Array.from({ length: options.readers }, (_, r) => reader(r))];

  return {
    outcomes,
    acknowledged,
    inFlight: () => pending,
    untilAcknowledged: async (count, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (acknowledged.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} acknowledged writes within ${timeoutMs} ms, got ${acknowledged.length}`);
        await pause(20);
      }
    },
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

function dbId(globalId: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw new Error(`not a global id: ${globalId}`);
  return parsed.id;
}

/**
 * Each acknowledged write that the database does not hold, described; empty when all are there:
 * every created commitment with exactly the follow-ups it was answered with and its CREATED event,
 * every report with its PROGRESS_REPORTED event, every edit's UPDATED event with the version it was
 * answered with (and its title, unless a later write moved the version on).
 */
export async function missingAcknowledgedWrites(db: Queryable, acknowledged: readonly Acknowledged[]): Promise<string[]> {
  const missing: string[] = [];
  const ids = [...new Set(acknowledged.map((a) => a.commitmentId))];
  const commitments = new Map<string, { version: number; title: string }>(
    (await db.query(`SELECT id::text, version, title FROM commitment WHERE id = ANY($1::bigint[])`, [ids])).map((r: { id: string; version: number; title: string }) => [r.id, r]),
  );
  const followUps = new Map<string, string[]>();
  for (const r of await db.query(`SELECT commitment_id::text AS c, id::text FROM follow_up WHERE commitment_id = ANY($1::bigint[])`, [ids])) {
    followUps.set(r.c, [...(followUps.get(r.c) ?? []), r.id]);
  }
  const events = new Set<string>(
    (await db.query(
      `SELECT kind || ':' || commitment_id || ':' || coalesce(details->>'reportId', details->'version'->>'after', '') AS key
         FROM commitment_event WHERE commitment_id = ANY($1::bigint[]) AND kind IN ('CREATED', 'UPDATED', 'PROGRESS_REPORTED')`,
      [ids],
    )).map((r: { key: string }) => r.key),
  );
  const reports = new Map<string, string>(
    (await db.query(
      `SELECT r.id::text, f.commitment_id::text AS c FROM progress_report r JOIN follow_up f ON f.id = r.follow_up_id WHERE f.commitment_id = ANY($1::bigint[])`,
      [ids],
    )).map((r: { id: string; c: string }) => [r.id, r.c]),
  );
  for (const a of acknowledged) {
    const row = commitments.get(a.commitmentId);
    if (!row) {
      missing.push(`${a.kind} on commitment ${a.commitmentId}: the commitment is missing`);
      continue;
    }
    if (a.kind === 'create') {
      const have = (followUps.get(a.commitmentId) ?? []).sort();
      if (JSON.stringify(have) !== JSON.stringify([...a.followUpIds].sort())) {
        missing.push(`create of ${a.commitmentId}: follow-ups ${have} in the database, ${a.followUpIds} acknowledged`);
      }
      if (!events.has(`CREATED:${a.commitmentId}:`)) missing.push(`create of ${a.commitmentId}: no CREATED event`);
    } else if (a.kind === 'report') {
      if (reports.get(a.reportId) !== a.commitmentId) missing.push(`report ${a.reportId} on ${a.commitmentId}: not in progress_report`);
      if (!events.has(`PROGRESS_REPORTED:${a.commitmentId}:${toGlobalId('ProgressReport', a.reportId)}`)) missing.push(`report ${a.reportId} on ${a.commitmentId}: no PROGRESS_REPORTED event`);
    } else {
      if (row.version < a.version) missing.push(`update of ${a.commitmentId} to version ${a.version}: the database has version ${row.version}`);
      if (!events.has(`UPDATED:${a.commitmentId}:${a.version}`)) missing.push(`update of ${a.commitmentId} to version ${a.version}: no UPDATED event`);
      // Unless a later write committed (acknowledged or not), the title is the one this edit set.
      if (row.version === a.version && row.title !== a.title) missing.push(`update of ${a.commitmentId}: title "${row.title}", acknowledged "${a.title}"`);
    }
  }
  return missing;
}
