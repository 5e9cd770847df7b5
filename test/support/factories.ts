import type { ReportedState, Status } from '../../src/domain/status';
import type { Queryable } from '../../src/db/queryable';

/**
 * Small SQL factories for tests: each inserts one row with sensible defaults and returns its id.
 * They write straight to the tables (no API, no events unless asked), so a test states exactly
 * the data it needs.
 */
let counter = 0;
const next = () => ++counter;

async function insert(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  const [row] = await db.query(sql, params);
  return row.id;
}

export async function createParty(db: Queryable, code: string, name = `Party ${code}`): Promise<string> {
  return insert(db, `INSERT INTO party (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);
}

export async function createEngagement(db: Queryable, o: { title?: string; heldOn?: string | null; location?: string | null } = {}): Promise<string> {
  return insert(db, `INSERT INTO engagement (title, held_on, location) VALUES ($1, $2, $3) RETURNING id`, [
    o.title ?? `Engagement ${next()}`, o.heldOn ?? null, o.location ?? null,
  ]);
}

export async function createSource(db: Queryable, o: { title?: string; publishedOn?: string | null } = {}): Promise<string> {
  return insert(db, `INSERT INTO source (title, published_on) VALUES ($1, $2) RETURNING id`, [o.title ?? `Source ${next()}`, o.publishedOn ?? null]);
}

export interface CommitmentSpec {
  title?: string;
  description?: string | null;
  engagementId?: string | null;
  partyIds?: string[];
  /** Cited with stance CONFIRMS. */
  sourceIds?: string[];
  /** When it was recorded (created_at); default the database's now. */
  createdAt?: Date;
}

export async function createCommitment(db: Queryable, o: CommitmentSpec = {}): Promise<string> {
  const id = await insert(db, `INSERT INTO commitment (title, description, engagement_id, created_at) VALUES ($1, $2, $3, coalesce($4, now())) RETURNING id`, [
    o.title ?? `Commitment ${next()}`, o.description ?? null, o.engagementId ?? null, o.createdAt ?? null,
  ]);
  for (const partyId of o.partyIds ?? []) await db.query(`INSERT INTO commitment_party (commitment_id, party_id) VALUES ($1, $2)`, [id, partyId]);
  for (const sourceId of o.sourceIds ?? []) {
    await db.query(`INSERT INTO source_citation (commitment_id, source_id, stance) VALUES ($1, $2, 'CONFIRMS')`, [id, sourceId]);
  }
  return id;
}

export async function createFollowUp(db: Queryable, o: { commitmentId: string; dueDate?: string | null; title?: string; createdAt?: Date }): Promise<string> {
  return insert(db, `INSERT INTO follow_up (commitment_id, title, due_date, created_at) VALUES ($1, $2, $3, coalesce($4, now())) RETURNING id`, [
    o.commitmentId, o.title ?? `Follow-up ${next()}`, o.dueDate ?? null, o.createdAt ?? null,
  ]);
}

export async function createReport(
  db: Queryable,
  o: {
    followUpId: string; state: ReportedState; reportedOn: string; sourceId?: string | null; supersedesId?: string | null; note?: string | null;
    createdAt?: Date;
  },
): Promise<string> {
  return insert(
    db,
    `INSERT INTO progress_report (follow_up_id, state, reported_on, source_id, supersedes_id, note, recorded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'test', coalesce($7, now())) RETURNING id`,
    [o.followUpId, o.state, o.reportedOn, o.sourceId ?? null, o.supersedesId ?? null, o.note ?? null, o.createdAt ?? null],
  );
}

export async function createEvent(
  db: Queryable,
  o: { commitmentId: string; kind: 'CREATED' | 'UPDATED' | 'PROGRESS_REPORTED' | 'STATUS_CHANGED'; followUpId?: string | null; previousStatus?: Status | null; status?: Status | null },
): Promise<string> {
  return insert(
    db,
    `INSERT INTO commitment_event (commitment_id, follow_up_id, kind, actor, previous_status, status) VALUES ($1, $2, $3, 'test', $4, $5) RETURNING id`,
    [o.commitmentId, o.followUpId ?? null, o.kind, o.previousStatus ?? null, o.status ?? null],
  );
}
