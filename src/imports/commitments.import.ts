import type { EntityManager } from 'typeorm';
import { bumpCommitment, lockCommitment, updateFollowUp, upsertCitation } from '../commitments/commitment-write.repository';
import { checkRecurrence } from '../commitments/recurrence-check';
import { COMMITMENT_KINDS, CommitmentKind, defaultKind, PartyRole } from '../domain/commitment-kinds';
import { horizonFrom, normalizeRecurrence } from '../domain/recurrence';
import { commitmentStatus, followUpStatus, Status } from '../domain/status';
import { appendEvents, NewEvent } from '../events/event-log';
import { snapshotStatuses, statusChangeEvents } from '../events/status-changes';
import { materializeRecurringFollowUps } from '../follow-ups/recurring-follow-ups';
import { ApiError } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import { latestPlannedDate, LIMITS } from '../graphql/validate';
import { idsByKey } from './import-keys.repository';
import { ImportEnv, ImportKind, planOf } from './import-kind';
import { readExternalIds, RowReader } from './row-reader';

/** Rows written per statement when creating: big enough to be fast, small enough to keep arrays modest. */
const BATCH = 2000;

type Schedule = { kind: 'undated' } | { kind: 'once'; dueDate: string } | { kind: 'recurring'; recurrence: string; startsOn: string };

interface Wanted {
  row: RowReader;
  key: string;
  title: string;
  description: string | null | undefined;
  /** undefined: the file has no kind column (or the cell is empty), so a new commitment gets the default. */
  kind: CommitmentKind | undefined;
  /** "partyId:ROLE", sorted: the commitment's parties as they compare with what is stored. */
  parties: string[];
  partyCodes: string[];
  engagementId: string | null | undefined;
  schedule: Schedule | undefined;
  sourceIds: string[] | undefined;
}

interface Stored {
  id: string;
  title: string;
  description: string | null;
  kind: CommitmentKind;
  engagementId: string | null;
  recurrence: string | null;
  startsOn: string | null;
  version: number;
  parties: string[];
  followUps: number;
  firstFollowUpId: string | null;
  firstDueDate: string | null;
  confirmingSourceIds: string[];
}

function readSchedule(r: RowReader, today: string): Schedule | undefined {
  if (!r.has('due_date') && !r.has('recurrence') && !r.has('starts_on')) return undefined;
  const recurrence = r.text('recurrence', 500);
  const startsOn = r.date('starts_on', latestPlannedDate(today));
  const dueDate = r.date('due_date', latestPlannedDate(today));
  if (recurrence) {
    if (dueDate) r.problem('due_date', 'give either due_date (a one-off deadline) or recurrence with starts_on, not both');
    if (!startsOn) {
      r.problem('starts_on', 'is required with recurrence: the rule counts from it');
      return undefined;
    }
    try {
      checkRecurrence(recurrence, startsOn, horizonFrom(today), 'recurrence');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      r.problem('recurrence', e.message.replace(/^recurrence: /, ''));
      return undefined;
    }
    return { kind: 'recurring', recurrence: normalizeRecurrence(recurrence), startsOn };
  }
  if (startsOn) r.problem('starts_on', 'only goes with recurrence; for a one-off deadline use due_date');
  return dueDate ? { kind: 'once', dueDate } : { kind: 'undated' };
}

async function partyIdsByCode(m: EntityManager): Promise<Map<string, string>> {
  const rows: { id: string; code: string }[] = await m.query(`SELECT id::text, code FROM party`);
  return new Map(rows.map((p) => [p.code, p.id]));
}

/**
 * What is stored for the commitments a file names, in one statement. Grouped per table and joined
 * by hash rather than looked up per commitment: right after a big import the planner's statistics
 * still think the tables are small, and per-row lookups would then scan.
 */
async function storedCommitments(m: EntityManager, ids: string[]): Promise<Map<string, Stored>> {
  const rows: Stored[] = await m.query(
    `WITH parties AS (SELECT commitment_id, array_agg(party_id || ':' || role) AS ids FROM commitment_party
                       WHERE commitment_id = ANY($1::bigint[]) GROUP BY commitment_id),
          follow_ups AS (SELECT commitment_id, count(*)::int AS n, (array_agg(id::text ORDER BY id))[1] AS first_id,
                                (array_agg(due_date::text ORDER BY id))[1] AS first_due
                           FROM follow_up WHERE commitment_id = ANY($1::bigint[]) GROUP BY commitment_id),
          sources AS (SELECT commitment_id, array_agg(source_id::text ORDER BY source_id) AS ids FROM source_citation
                       WHERE commitment_id = ANY($1::bigint[]) AND stance = 'CONFIRMS' GROUP BY commitment_id)
     SELECT c.id::text, c.title, c.description, c.kind, c.engagement_id::text AS "engagementId", c.recurrence, c.starts_on::text AS "startsOn", c.version,
            coalesce(p.ids, '{}') AS "parties", coalesce(f.n, 0) AS "followUps", f.first_id AS "firstFollowUpId", f.first_due AS "firstDueDate",
            coalesce(s.ids, '{}') AS "confirmingSourceIds"
       FROM commitment c
       LEFT JOIN parties p ON p.commitment_id = c.id
       LEFT JOIN follow_ups f ON f.commitment_id = c.id
       LEFT JOIN sources s ON s.commitment_id = c.id
      WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** What an existing commitment would change to, or a problem when the row asks for what an import cannot do. */
function changesTo(w: Wanted, s: Stored) {
  const title = w.title !== s.title ? w.title : undefined;
  const description = w.description !== undefined && w.description !== s.description ? w.description : undefined;
  const engagementId = w.engagementId !== undefined && w.engagementId !== s.engagementId ? w.engagementId : undefined;
  const kind = w.kind !== undefined && w.kind !== s.kind ? w.kind : undefined;
  const parties = !sameSet(w.parties, s.parties) ? w.parties : undefined;
  const newSources = (w.sourceIds ?? []).filter((id) => !s.confirmingSourceIds.includes(id));
  let dueDate: string | null | undefined;
  const sc = w.schedule;
  if (sc) {
    if (s.recurrence) {
      if (sc.kind !== 'recurring' || sc.recurrence !== s.recurrence || sc.startsOn !== s.startsOn) {
        w.row.problem('recurrence', `this commitment recurs (${s.recurrence} from ${s.startsOn}); an import cannot change its schedule`);
      }
    } else if (sc.kind === 'recurring') {
      w.row.problem('recurrence', 'this commitment is one-off; an import cannot make it recurring');
    } else {
      const wanted = sc.kind === 'once' ? sc.dueDate : null;
      if (wanted !== s.firstDueDate) {
        if (s.followUps !== 1) w.row.problem('due_date', `this commitment has ${s.followUps} follow-ups, so there is no single due date to move`);
        else dueDate = wanted;
      }
    }
  }
  const any = [title, description, kind, engagementId, parties, dueDate].some((v) => v !== undefined) || newSources.length > 0;
  return any ? { title, description, kind, engagementId, parties, dueDate, newSources } : null;
}

type Changes = NonNullable<ReturnType<typeof changesTo>>;

/** The kind a row asks for, else what createCommitment defaults to: a PLEDGE for one obligor, an AGREEMENT for several. */
function kindOf(w: Wanted): CommitmentKind {
  return w.kind ?? defaultKind(w.partyCodes.length);
}

async function create(m: EntityManager, batch: Wanted[], env: ImportEnv): Promise<void> {
  const rows: { id: string; external_id: string }[] = await m.query(
    `INSERT INTO commitment (external_id, title, description, engagement_id, recurrence, starts_on, kind, version, created_at, updated_at)
     SELECT u.*, 1, $8::timestamptz, $8::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::date[], $7::text[]) AS u
     RETURNING id::text, external_id`,
    [
      batch.map((w) => w.key), batch.map((w) => w.title), batch.map((w) => w.description ?? null), batch.map((w) => w.engagementId ?? null),
      batch.map((w) => (w.schedule?.kind === 'recurring' ? w.schedule.recurrence : null)),
      batch.map((w) => (w.schedule?.kind === 'recurring' ? w.schedule.startsOn : null)),
      batch.map((w) => kindOf(w)),
      env.now,
    ],
  );
  const idOf = new Map(rows.map((r) => [r.external_id, r.id]));
  const ids = batch.map((w) => idOf.get(w.key)!);
  const pairs = (list: (w: Wanted) => string[]) => batch.flatMap((w, i) => list(w).map((x) => [ids[i], x] as const));
  const parties = pairs((w) => w.parties).map(([c, p]) => [c, ...p.split(':')]);
  await m.query(`INSERT INTO commitment_party (commitment_id, party_id, role) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])`, [
    parties.map((p) => p[0]), parties.map((p) => p[1]), parties.map((p) => p[2]),
  ]);
  const citations = pairs((w) => w.sourceIds ?? []);
  if (citations.length) {
    await m.query(
      `INSERT INTO source_citation (commitment_id, source_id, stance, created_at) SELECT c, s, 'CONFIRMS', $3 FROM unnest($1::bigint[], $2::bigint[]) AS u(c, s)`,
      [citations.map((p) => p[0]), citations.map((p) => p[1]), env.now],
    );
  }
  const single = batch.map((w, i) => ({ w, id: ids[i] })).filter((x) => x.w.schedule?.kind !== 'recurring');
  if (single.length) {
    await m.query(
      `INSERT INTO follow_up (commitment_id, title, due_date, created_at) SELECT c, t, d, $4 FROM unnest($1::bigint[], $2::text[], $3::date[]) AS u(c, t, d)`,
      [single.map((x) => x.id), single.map((x) => x.w.title), single.map((x) => (x.w.schedule?.kind === 'once' ? x.w.schedule.dueDate : null)), env.now],
    );
  }
  const events: NewEvent[] = [];
  for (const [i, w] of batch.entries()) {
    const sc = w.schedule ?? { kind: 'undated' };
    let statuses: Status[];
    let followUps = 1;
    if (sc.kind === 'recurring') {
      const created = await materializeRecurringFollowUps(m, { id: ids[i], title: w.title, recurrence: sc.recurrence, startsOn: sc.startsOn }, horizonFrom(env.today), env.now);
      statuses = [...(await snapshotStatuses(m, created, env.today, env.dueSoonDays)).values()];
      followUps = created.length;
    } else {
      statuses = [followUpStatus({ dueDate: sc.kind === 'once' ? sc.dueDate : null, reports: [] }, env.today, env.dueSoonDays)];
    }
    events.push({
      commitmentId: ids[i], kind: 'CREATED', actor: env.actor.name, occurredAt: env.now, status: commitmentStatus(statuses),
      details: {
        imported: true, externalId: w.key, title: w.title, description: w.description ?? null, kind: kindOf(w), partyCodes: [...w.partyCodes].sort(),
        engagementId: w.engagementId ? toGlobalId('Engagement', w.engagementId) : null,
        dueDate: sc.kind === 'once' ? sc.dueDate : null,
        recurrence: sc.kind === 'recurring' ? sc.recurrence : null,
        startsOn: sc.kind === 'recurring' ? sc.startsOn : null,
        sourceIds: (w.sourceIds ?? []).map((s) => toGlobalId('Source', s)),
        followUps,
      },
    });
  }
  // appendEvents writes one statement; Postgres takes at most 65,535 parameters (8 per event).
  for (let i = 0; i < events.length; i += 1000) await appendEvents(m, events.slice(i, i + 1000));
}

/** Changes one existing commitment as updateCommitment and citeSource would: locked, version bumped, one UPDATED event. */
async function update(m: EntityManager, s: Stored, c: Changes, env: ImportEnv): Promise<void> {
  const before = await lockCommitment(m, s.id, 'external_id');
  const watched = c.dueDate !== undefined && s.firstFollowUpId ? [s.firstFollowUpId] : [];
  const statusesBefore = await snapshotStatuses(m, watched, env.today, env.dueSoonDays);
  await bumpCommitment(m, s.id, before.version, env.now, { title: c.title, description: c.description });
  if (c.engagementId !== undefined) await m.query(`UPDATE commitment SET engagement_id = $2 WHERE id = $1`, [s.id, c.engagementId]);
  if (c.kind !== undefined) await m.query(`UPDATE commitment SET kind = $2 WHERE id = $1`, [s.id, c.kind]);
  if (c.parties) {
    const split = c.parties.map((p) => p.split(':'));
    await m.query(`DELETE FROM commitment_party WHERE commitment_id = $1`, [s.id]);
    await m.query(`INSERT INTO commitment_party (commitment_id, party_id, role) SELECT $1, * FROM unnest($2::bigint[], $3::text[])`, [s.id, split.map((p) => p[0]), split.map((p) => p[1])]);
  }
  if (c.dueDate !== undefined && s.firstFollowUpId) await updateFollowUp(m, s.firstFollowUpId, { dueDate: c.dueDate }, env.now);
  for (const sourceId of c.newSources) await upsertCitation(m, { commitmentId: s.id, sourceId, stance: 'CONFIRMS', note: null, now: env.now });
  const statusesAfter = await snapshotStatuses(m, watched, env.today, env.dueSoonDays);
  const details: Record<string, unknown> = { imported: true, version: { before: before.version, after: before.version + 1 } };
  if (c.title !== undefined) details.title = { before: s.title, after: c.title };
  if (c.description !== undefined) details.description = { before: s.description, after: c.description };
  if (c.engagementId !== undefined) details.engagementId = { before: s.engagementId && toGlobalId('Engagement', s.engagementId), after: c.engagementId && toGlobalId('Engagement', c.engagementId) };
  if (c.kind !== undefined) details.kind = { before: s.kind, after: c.kind };
  if (c.parties) details.parties = { before: s.parties, after: c.parties };
  if (c.dueDate !== undefined) details.dueDate = { before: s.firstDueDate, after: c.dueDate };
  if (c.newSources.length) details.sourcesCited = c.newSources.map((id) => toGlobalId('Source', id));
  const base = { commitmentId: s.id, actor: env.actor.name, occurredAt: env.now };
  await appendEvents(m, [
    { ...base, kind: 'UPDATED', details },
    ...(c.kind !== undefined ? [{ ...base, kind: 'KIND_CHANGED' as const, details: { before: s.kind, after: c.kind } }] : []),
    ...(c.dueDate !== undefined && s.firstFollowUpId
      ? [{ ...base, kind: 'DEADLINE_MOVED' as const, followUpId: s.firstFollowUpId, details: { before: s.firstDueDate, after: c.dueDate } }]
      : []),
    ...statusChangeEvents(statusesBefore, statusesAfter, base),
  ]);
}

/**
 * commitments.csv: one commitment per row, matched on external_id. New ones are created as
 * createCommitment would (follow-ups, citations, a CREATED event each), in batches; existing ones
 * get what changed as updateCommitment would. An import never removes a citation, and cannot
 * change a commitment's schedule between one-off and recurring.
 */
export const commitmentsImport: ImportKind = {
  columns: {
    required: ['external_id', 'title', 'party_codes'],
    optional: ['kind', 'beneficiary_codes', 'host_codes', 'description', 'engagement_external_id', 'due_date', 'recurrence', 'starts_on', 'source_external_ids'],
  },

  async plan(m, rows, env) {
    const keys = readExternalIds(rows);
    const parties = await partyIdsByCode(m);
    const engagementKeys = rows.map((r) => r.source.cells.engagement_external_id?.trim()).filter((k): k is string => !!k);
    const sourceKeys = rows.flatMap((r) => r.list('source_external_ids') ?? []);
    // One after another: they share the transaction's connection.
    const ids = await idsByKey(m, 'commitment', [...keys.values()]);
    const engagements = await idsByKey(m, 'engagement', [...new Set(engagementKeys)]);
    const sources = await idsByKey(m, 'source', [...new Set(sourceKeys)]);
    const wanted: Wanted[] = [];
    for (const r of rows) {
      const key = keys.get(r);
      const title = r.required('title');
      const description = r.text('description', LIMITS.description, true);
      const kind = r.oneOf('kind', COMMITMENT_KINDS) ?? undefined;
      const codes = (r.list('party_codes', /[;,]/) ?? []).map((c) => c.toUpperCase());
      if (!codes.length) r.problem('party_codes', 'name at least one obligor (the party that would act), e.g. PK; several are separated by ";"');
      // Each party once, in one role: obligors (party_codes), beneficiaries, hosts.
      const roles: [string, PartyRole][] = [['party_codes', 'OBLIGOR'], ['beneficiary_codes', 'BENEFICIARY'], ['host_codes', 'HOST']];
      const roleOf = new Map<string, PartyRole>();
      let unknownCode: string | undefined;
      for (const [column, role] of roles) {
        for (const code of (r.list(column, /[;,]/) ?? []).map((c) => c.toUpperCase())) {
          if (!parties.has(code)) {
            r.problem(column, `unknown party code "${code}"; Query.parties lists the known ones`);
            unknownCode = code;
          } else if (roleOf.has(code)) {
            r.problem(column, `"${code}" is already listed as ${roleOf.get(code)}; a party has one role in a commitment`);
            unknownCode = code;
          } else roleOf.set(code, role);
        }
      }
      const engagementKey = r.text('engagement_external_id', 200);
      const engagementId = engagementKey ? engagements.get(engagementKey) : engagementKey;
      if (engagementKey && engagementId === undefined) r.problem('engagement_external_id', `no engagement has external_id "${engagementKey}"; import the engagements file first`);
      const sourceList = r.list('source_external_ids');
      const missingSource = sourceList?.find((k) => !sources.has(k));
      if (missingSource) r.problem('source_external_ids', `no source has external_id "${missingSource}"; import the sources file first`);
      if (sourceList && sourceList.length > LIMITS.listItems) r.problem('source_external_ids', `must list at most ${LIMITS.listItems} sources`);
      const schedule = readSchedule(r, env.today);
      if (key === undefined || title === undefined || !codes.length || unknownCode || (engagementKey && engagementId === undefined) || missingSource) continue;
      wanted.push({
        row: r, key, title, description, kind, partyCodes: codes,
        parties: [...roleOf].map(([code, role]) => `${parties.get(code)}:${role}`).sort(),
        engagementId: engagementKey === undefined ? undefined : engagementId ?? null,
        schedule, sourceIds: sourceList?.map((k) => sources.get(k)!),
      });
    }
    const stored = await storedCommitments(m, wanted.flatMap((w) => (ids.has(w.key) ? [ids.get(w.key)!] : [])));
    const creates: Wanted[] = [];
    const updates: { s: Stored; c: Changes }[] = [];
    let unchanged = 0;
    for (const w of wanted) {
      const id = ids.get(w.key);
      if (id === undefined) {
        creates.push(w);
        continue;
      }
      const s = stored.get(id)!;
      const c = changesTo(w, s);
      if (c) updates.push({ s, c });
      else unchanged++;
    }
    return planOf({ created: creates.length, updated: updates.length, unchanged }, async () => {
      for (let i = 0; i < creates.length; i += BATCH) await create(m, creates.slice(i, i + BATCH), env);
      for (const u of updates) await update(m, u.s, u.c, env);
    });
  },
};
