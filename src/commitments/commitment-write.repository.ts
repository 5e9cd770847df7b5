import type { EntityManager } from 'typeorm';
import type { CommitmentKind, PartyRole } from '../domain/commitment-kinds';
import type { CalendarDate } from '../domain/dates';
import type { ReportFact } from '../domain/status';
import type { AlongsideWrite } from '../events/event-log';
import { reportFactsFromJson, reportFactsJsonSql } from '../events/status-changes';
import { conflict, notFound } from '../graphql/errors';
import { toGlobalId } from '../graphql/global-id';
import type { SourceStance } from '../sources/source-citation.entity';
import { CommitmentEntity } from './commitment.entity';

/** Data access for writes to commitments; every function runs inside the caller's transaction. */

/**
 * Locks the commitment row for the rest of the transaction, so writes to one commitment (edits,
 * reports, citations) take turns and each sees the one before it. With `expectedVersion`, a
 * stale version is refused with CONFLICT carrying the current one.
 */
export async function lockCommitment(manager: EntityManager, id: string, field: string, expectedVersion?: number | null): Promise<CommitmentEntity> {
  const row = await manager.getRepository(CommitmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound('Commitment', toGlobalId('Commitment', id), field);
  if (expectedVersion != null && row.version !== expectedVersion) {
    throw conflict(`Commitment was changed since version ${expectedVersion}; it is now at version ${row.version}. Read it again and retry.`, {
      field: 'input.expectedVersion',
      currentVersion: row.version,
    });
  }
  return row;
}

export interface CommitmentChanges {
  title?: string;
  description?: string | null;
  kind?: CommitmentKind;
}

/**
 * Applies edits and bumps version and updated_at, only if the version is still `fromVersion`
 * (belt and braces under the row lock). Returns false when it was not.
 */
export async function bumpCommitment(manager: EntityManager, id: string, fromVersion: number, now: Date, changes: CommitmentChanges = {}): Promise<boolean> {
  const params: unknown[] = [id, fromVersion, now];
  const sets = ['version = version + 1', 'updated_at = $3'];
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (changes.description !== undefined) sets.push(`description = $${params.push(changes.description)}`);
  if (changes.kind !== undefined) sets.push(`kind = $${params.push(changes.kind)}`);
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
  const rows = await manager.query(
    `WITH changed AS (UPDATE commitment SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM changed`,
    params,
  );
  return rows.length === 1;
}

/** commitment's columns as CommitmentEntity's fields, for statements that return a row. */
const COMMITMENT_COLUMNS = (c: string) => `${c}.id, ${c}.title, ${c}.description, ${c}.kind, ${c}.external_id AS "externalId",
  ${c}.engagement_id AS "engagementId", ${c}.recurrence, ${c}.starts_on AS "startsOn", ${c}.materialized_through AS "materializedThrough",
  ${c}.version, ${c}.created_at AS "createdAt", ${c}.updated_at AS "updatedAt"`;

export interface BumpedCommitment {
  /** The row as it was when locked (before this write). */
  before: CommitmentEntity;
  /** The row as this write leaves it. */
  after: CommitmentEntity;
}

/**
 * lockCommitment and bumpCommitment in one statement: locks the row (waiting for any write holding
 * it, then reading the version that write left), refuses a stale `expectedVersion` with CONFLICT,
 * and applies `changes` with the version bump. Whatever the caller reads next, in a later statement
 * of the transaction, sees every write that held the lock before. A write refused later in the
 * transaction rolls the bump back with everything else.
 */
export async function lockAndBumpCommitment(
  manager: EntityManager,
  o: {
    /** The commitment, or the follow-up whose commitment it is. */
    of: { commitmentId: string } | { followUpId: string };
    /** The error when there is no such commitment (or follow-up). */
    missing: () => Error;
    now: Date;
    changes?: CommitmentChanges;
    expectedVersion?: number | null;
  },
): Promise<BumpedCommitment> {
  const changes = o.changes ?? {};
  const params: unknown[] = ['commitmentId' in o.of ? o.of.commitmentId : o.of.followUpId, o.now];
  const target = 'commitmentId' in o.of ? '$1' : '(SELECT f.commitment_id FROM follow_up f WHERE f.id = $1)';
  const sets = ['version = c.version + 1', 'updated_at = $2'];
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (changes.description !== undefined) sets.push(`description = $${params.push(changes.description)}`);
  if (changes.kind !== undefined) sets.push(`kind = $${params.push(changes.kind)}`);
  const expectedVersion = o.expectedVersion;
  const version = expectedVersion == null ? '' : `AND b.version = $${params.push(expectedVersion)}`;
  const [row]: { before: Record<string, unknown>; after: Record<string, unknown> | null }[] = await manager.query(
    `WITH b AS (SELECT ${COMMITMENT_COLUMNS('commitment')} FROM commitment WHERE id = ${target} FOR UPDATE),
          bumped AS (UPDATE commitment c SET ${sets.join(', ')} FROM b WHERE c.id = b.id ${version} RETURNING ${COMMITMENT_COLUMNS('c')})
     SELECT row_to_json(b) AS before, (SELECT row_to_json(bumped) FROM bumped) AS after FROM b`,
    params,
  );
  if (!row) throw o.missing();
  const before = commitmentFromJson(row.before);
  if (!row.after) {
    throw conflict(`Commitment was changed since version ${expectedVersion}; it is now at version ${before.version}. Read it again and retry.`, {
      field: 'input.expectedVersion',
      currentVersion: before.version,
    });
  }
  return { before, after: commitmentFromJson(row.after) };
}

/** A commitment row read as JSON (row_to_json): its timestamps are strings there. */
function commitmentFromJson(json: Record<string, unknown>): CommitmentEntity {
  return Object.assign(new CommitmentEntity(), json, {
    id: String(json.id),
    engagementId: json.engagementId == null ? null : String(json.engagementId),
    createdAt: new Date(json.createdAt as string),
    updatedAt: new Date(json.updatedAt as string),
  });
}

export interface NewCommitment {
  title: string;
  description: string | null;
  kind: CommitmentKind;
  externalId: string | null;
  engagementId: string | null;
  recurrence: string | null;
  startsOn: CalendarDate | null;
  parties: { partyId: string; role: PartyRole }[];
  now: Date;
}

export async function insertCommitment(manager: EntityManager, c: NewCommitment): Promise<string> {
  const [{ id }] = await manager.query(
    `INSERT INTO commitment (title, description, kind, external_id, engagement_id, recurrence, starts_on, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
    [c.title, c.description, c.kind, c.externalId, c.engagementId, c.recurrence, c.startsOn, c.now],
  );
  await manager.query(
    `INSERT INTO commitment_party (commitment_id, party_id, role) SELECT $1, unnest($2::bigint[]), unnest($3::text[])`,
    [id, c.parties.map((p) => p.partyId), c.parties.map((p) => p.role)],
  );
  return id;
}

export async function insertFollowUp(manager: EntityManager, f: { commitmentId: string; title: string; dueDate: CalendarDate | null; now: Date }): Promise<string> {
  const [{ id }] = await manager.query(
    `INSERT INTO follow_up (commitment_id, title, due_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [f.commitmentId, f.title, f.dueDate, f.now],
  );
  return id;
}

export interface FollowUpRow {
  id: string;
  title: string;
  dueDate: CalendarDate | null;
  /** Its reports, for its status before and after a change of due date. */
  reports: ReportFact[];
}

/** The first `limit` follow-ups of a commitment, by id, with their reports: enough to tell none, one, or several. */
export async function firstFollowUps(manager: EntityManager, commitmentId: string, limit: number): Promise<FollowUpRow[]> {
  const rows = await manager.query(
    `SELECT f.id, f.title, f.due_date AS "dueDate", ${reportFactsJsonSql('f')} AS reports
       FROM follow_up f WHERE f.commitment_id = $1 ORDER BY f.id LIMIT $2`,
    [commitmentId, limit],
  );
  return rows.map((r: FollowUpRow & { reports: Parameters<typeof reportFactsFromJson>[0] }) => ({ ...r, reports: reportFactsFromJson(r.reports) }));
}

/**
 * Changes a follow-up's due date (null: undated) and/or title; undefined leaves a field as is.
 * A due date that moves is also recorded, with `now`, in follow_up_due_date_change (in the same
 * statement), so that what was due when stays answerable (knownAt). CTEs to run alongside the
 * events (appendEvents); undefined when nothing changes.
 */
export function followUpUpdateWrite(id: string, changes: { dueDate?: CalendarDate | null; title?: string }, now: Date): AlongsideWrite | undefined {
  const params: unknown[] = [id, now];
  const sets: string[] = [];
  if (changes.dueDate !== undefined) sets.push(`due_date = $${params.push(changes.dueDate)}::date`);
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (!sets.length) return undefined;
  return {
    ctes: `follow_up_before AS (SELECT id, due_date FROM follow_up WHERE id = $1),
      follow_up_changed AS (UPDATE follow_up f SET ${sets.join(', ')} FROM follow_up_before b WHERE f.id = b.id
                            RETURNING f.id, b.due_date AS due_date_before, f.due_date AS due_date_after),
      due_date_recorded AS (INSERT INTO follow_up_due_date_change (follow_up_id, due_date_before, due_date_after, recorded_at)
                            SELECT id, due_date_before, due_date_after, $2 FROM follow_up_changed
                             WHERE due_date_before IS DISTINCT FROM due_date_after)`,
    params,
  };
}

/** followUpUpdateWrite on its own, as a statement (the knownAt property test writes its histories with it). */
export async function updateFollowUp(manager: EntityManager, id: string, changes: { dueDate?: CalendarDate | null; title?: string }, now: Date): Promise<void> {
  const write = followUpUpdateWrite(id, changes, now);
  if (write) await manager.query(`WITH ${write.ctes} SELECT 1`, write.params);
}

/** Adds a citation or changes an existing one; returns the stance it had before, if any. */
export async function upsertCitation(
  manager: EntityManager,
  c: { commitmentId: string; sourceId: string; stance: SourceStance; note: string | null; now: Date },
): Promise<{ stance: SourceStance; note: string | null } | null> {
  const [previous] = await manager.query(
    `SELECT stance, note FROM source_citation WHERE commitment_id = $1 AND source_id = $2`,
    [c.commitmentId, c.sourceId],
  );
  await manager.query(
    `INSERT INTO source_citation (commitment_id, source_id, stance, note, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (commitment_id, source_id) DO UPDATE SET stance = EXCLUDED.stance, note = EXCLUDED.note`,
    [c.commitmentId, c.sourceId, c.stance, c.note, c.now],
  );
  return previous ?? null;
}

export function findCommitment(manager: EntityManager, id: string): Promise<CommitmentEntity> {
  return manager.getRepository(CommitmentEntity).findOneByOrFail({ id });
}
