import type { ReportedState, Status } from '../../src/domain/status';
import type { Stance as SourceStance } from '../../src/domain/verification';
import type { EventKind } from '../../src/events/commitment-event.entity';
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

export async function createSource(
  db: Queryable,
  o: { title?: string; publishedOn?: string | null; kind?: string | null; affiliationPartyId?: string | null } = {},
): Promise<string> {
  return insert(db, `INSERT INTO source (title, published_on, kind, affiliation_party_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
    o.title ?? `Source ${next()}`, o.publishedOn ?? null, o.kind ?? null, o.affiliationPartyId ?? null,
  ]);
}

export interface CommitmentSpec {
  title?: string;
  description?: string | null;
  engagementId?: string | null;
  /** OBLIGORs. */
  partyIds?: string[];
  otherParties?: { partyId: string; role: 'BENEFICIARY' | 'HOST' }[];
  kind?: 'AGREEMENT' | 'PLEDGE' | 'REQUEST' | 'INVITATION';
  /** Cited with stance CONFIRMS. */
  sourceIds?: string[];
  /** When it was recorded (created_at); default the database's now. */
  createdAt?: Date;
}

export async function createCommitment(db: Queryable, o: CommitmentSpec = {}): Promise<string> {
  const id = await insert(db, `INSERT INTO commitment (title, description, engagement_id, kind, created_at) VALUES ($1, $2, $3, $4, coalesce($5, now())) RETURNING id`, [
    o.title ?? `Commitment ${next()}`, o.description ?? null, o.engagementId ?? null, o.kind ?? ((o.partyIds?.length ?? 0) > 1 ? 'AGREEMENT' : 'PLEDGE'),
    o.createdAt ?? null,
  ]);
  for (const partyId of o.partyIds ?? []) await db.query(`INSERT INTO commitment_party (commitment_id, party_id) VALUES ($1, $2)`, [id, partyId]);
  for (const p of o.otherParties ?? []) await db.query(`INSERT INTO commitment_party (commitment_id, party_id, role) VALUES ($1, $2, $3)`, [id, p.partyId, p.role]);
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
  o: { commitmentId: string; kind: EventKind; followUpId?: string | null; previousStatus?: Status | null; status?: Status | null },
): Promise<string> {
  return insert(
    db,
    `INSERT INTO commitment_event (commitment_id, follow_up_id, kind, actor, previous_status, status) VALUES ($1, $2, $3, 'test', $4, $5) RETURNING id`,
    [o.commitmentId, o.followUpId ?? null, o.kind, o.previousStatus ?? null, o.status ?? null],
  );
}

export async function createEvidence(
  db: Queryable,
  o: { reportId: string; sourceId: string; stance: SourceStance; note?: string | null; recordedAt?: Date },
): Promise<string> {
  return insert(
    db,
    `INSERT INTO evidence (progress_report_id, source_id, stance, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'test', $5) RETURNING id`,
    [o.reportId, o.sourceId, o.stance, o.note ?? null, o.recordedAt ?? new Date()],
  );
}

export async function createPerson(db: Queryable, o: { partyId: string; name?: string; title?: string | null }): Promise<string> {
  return insert(db, `INSERT INTO person (party_id, name, title) VALUES ($1, $2, $3) RETURNING id`, [o.partyId, o.name ?? `Person ${next()}`, o.title ?? null]);
}

/** Links an engagement to the parties that met, the people who took part and the sources that report it. */
export async function linkEngagement(
  db: Queryable,
  engagementId: string,
  o: { partyIds?: string[]; personIds?: string[]; sources?: { sourceId: string; stance: SourceStance }[] },
): Promise<void> {
  for (const partyId of o.partyIds ?? []) await db.query(`INSERT INTO engagement_party (engagement_id, party_id) VALUES ($1, $2)`, [engagementId, partyId]);
  for (const personId of o.personIds ?? []) await db.query(`INSERT INTO engagement_participant (engagement_id, person_id) VALUES ($1, $2)`, [engagementId, personId]);
  for (const s of o.sources ?? []) await db.query(`INSERT INTO engagement_source (engagement_id, source_id, stance) VALUES ($1, $2, $3)`, [engagementId, s.sourceId, s.stance]);
}
