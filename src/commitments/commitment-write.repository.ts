import type { EntityManager } from 'typeorm';
import type { CommitmentKind, PartyRole } from '../domain/commitment-kinds';
import type { CalendarDate } from '../domain/dates';
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
}

/** The first `limit` follow-ups of a commitment, by id: enough to tell none, one, or several. */
export function firstFollowUps(manager: EntityManager, commitmentId: string, limit: number): Promise<FollowUpRow[]> {
  return manager.query(
    `SELECT id, title, due_date AS "dueDate" FROM follow_up WHERE commitment_id = $1 ORDER BY id LIMIT $2`,
    [commitmentId, limit],
  );
}

/**
 * Changes a follow-up's due date (null: undated) and/or title; undefined leaves a field as is.
 * A due date that moves is also recorded, with `now`, in follow_up_due_date_change (in the same
 * statement), so that what was due when stays answerable (knownAt).
 */
export async function updateFollowUp(manager: EntityManager, id: string, changes: { dueDate?: CalendarDate | null; title?: string }, now: Date): Promise<void> {
  const params: unknown[] = [id];
  const sets: string[] = [];
  if (changes.dueDate !== undefined) sets.push(`due_date = $${params.push(changes.dueDate)}::date`);
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (!sets.length) return;
  await manager.query(
    `WITH before AS (SELECT id, due_date FROM follow_up WHERE id = $1),
          changed AS (UPDATE follow_up f SET ${sets.join(', ')} FROM before b WHERE f.id = b.id
                      RETURNING f.id, b.due_date AS due_date_before, f.due_date AS due_date_after)
     INSERT INTO follow_up_due_date_change (follow_up_id, due_date_before, due_date_after, recorded_at)
     SELECT id, due_date_before, due_date_after, $${params.push(now)} FROM changed
      WHERE due_date_before IS DISTINCT FROM due_date_after`,
    params,
  );
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
