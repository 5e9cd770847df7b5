import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../src/domain/clock';
import { addDays, CalendarDate } from '../src/domain/dates';
import { horizonFrom, normalizeRecurrence, occurrencesThrough } from '../src/domain/recurrence';
import { appendEvents } from '../src/events/event-log';
import { materializeRecurringFollowUps } from '../src/follow-ups/recurring-follow-ups';
import { pakistanChina2026 } from './pakistan-china-2026.data';
import type { CommitmentSeed, SeedDataset } from './seed-dataset';

/** Rows this run inserted, per kind; a second run over the same data returns all zeros. */
export interface SeedCounts {
  parties: number;
  institutions: number;
  people: number;
  sources: number;
  engagements: number;
  engagementParties: number;
  participants: number;
  engagementSources: number;
  commitments: number;
  commitmentParties: number;
  citations: number;
  followUps: number;
  events: number;
}

/** Loads the articles' commitments. Safe to run any number of times. */
export async function seedDatabase(db: DataSource, clock: Clock): Promise<Record<string, number>> {
  return { ...(await seedDataset(db, clock, pakistanChina2026)) };
}

/**
 * Inserts whatever part of the dataset is missing, in one transaction, under an advisory lock so
 * two seeders never both insert a row. Rows are matched on their natural keys: party code; party
 * and name for institutions and people; external id for sources, engagements and commitments, or
 * failing that their title (a database seeded before external ids existed), in which case the
 * row gets the external id it lacks.
 *
 * A row that already exists keeps what it has: its fields, follow-ups and history belong to the
 * API once created, so only missing links (parties with their roles, participants, citations) are
 * added to it. A new commitment gets its follow-ups and a CREATED event by the actor "seed" in the
 * same transaction.
 */
export async function seedDataset(db: DataSource, clock: Clock, data: SeedDataset): Promise<SeedCounts> {
  return db.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tracker:seed'))`);
    const now = clock.now();
    const counts: SeedCounts = {
      parties: 0, institutions: 0, people: 0, sources: 0, engagements: 0, engagementParties: 0, participants: 0,
      engagementSources: 0, commitments: 0, commitmentParties: 0, citations: 0, followUps: 0, events: 0,
    };
    const count = (key: keyof SeedCounts, inserted: unknown[]) => (counts[key] += inserted.length);

    const partyIds = new Map<string, string>();
    for (const [code, party] of Object.entries(data.parties)) {
      count('parties', await manager.query(
        `INSERT INTO party (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING id`, [code, party.name]));
      partyIds.set(code, await idOf(manager, `SELECT id FROM party WHERE code = $1`, [code]));
    }

    const institutionIds = new Map<string, string>();
    for (const [key, inst] of Object.entries(data.institutions)) {
      const partyId = lookup(partyIds, inst.party, 'party');
      count('institutions', await manager.query(
        `INSERT INTO institution (party_id, name, acronym) VALUES ($1, $2, $3) ON CONFLICT (party_id, name) DO NOTHING RETURNING id`,
        [partyId, inst.name, inst.acronym]));
      institutionIds.set(key, await idOf(manager, `SELECT id FROM institution WHERE party_id = $1 AND name = $2`, [partyId, inst.name]));
    }

    const personIds = new Map<string, string>();
    for (const [key, person] of Object.entries(data.people)) {
      const partyId = lookup(partyIds, person.party, 'party');
      const institutionId = person.institution === null ? null : lookup(institutionIds, person.institution, 'institution');
      count('people', await manager.query(
        `INSERT INTO person (party_id, name, institution_id, title) VALUES ($1, $2, $3, $4) ON CONFLICT (party_id, name) DO NOTHING RETURNING id`,
        [partyId, person.name, institutionId, person.title]));
      personIds.set(key, await idOf(manager, `SELECT id FROM person WHERE party_id = $1 AND name = $2`, [partyId, person.name]));
    }

    const sourceIds = new Map<string, string>();
    for (const [key, s] of Object.entries(data.sources)) {
      let id = await existingId(manager, 'source', s);
      if (!id) {
        id = await idOf(manager,
          `INSERT INTO source (title, outlet, url, published_on, kind, affiliation_party_id, external_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [s.title, s.outlet, s.url, s.publishedOn, s.kind, s.affiliation && lookup(partyIds, s.affiliation, 'party'), s.externalId, now]);
        counts.sources++;
      }
      sourceIds.set(key, id);
    }

    const engagementIds = new Map<string, string>();
    for (const [key, e] of Object.entries(data.engagements)) {
      let id = await existingId(manager, 'engagement', e);
      if (!id) {
        id = await idOf(manager,
          `INSERT INTO engagement (title, held_on, location, summary, external_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [e.title, e.heldOn, e.location, e.summary, e.externalId, now]);
        counts.engagements++;
      }
      engagementIds.set(key, id);
      for (const code of e.parties) {
        count('engagementParties', await manager.query(
          `INSERT INTO engagement_party (engagement_id, party_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING party_id`,
          [id, lookup(partyIds, code, 'party')]));
      }
      for (const p of e.participants) {
        count('participants', await manager.query(
          `INSERT INTO engagement_participant (engagement_id, person_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING person_id`,
          [id, lookup(personIds, p.person, 'person'), p.role]));
      }
      for (const cite of e.sources) {
        count('engagementSources', await manager.query(
          `INSERT INTO engagement_source (engagement_id, source_id, stance, note, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (engagement_id, source_id) DO NOTHING RETURNING source_id`,
          [id, lookup(sourceIds, cite.source, 'source'), cite.stance, cite.note, now]));
      }
    }

    const createdIds: string[] = [];
    for (const c of data.commitments) {
      let id = await existingId(manager, 'commitment', c);
      if (!id) {
        id = await insertCommitment(manager, c, lookup(engagementIds, c.engagement, 'engagement'), now);
        counts.commitments++;
        counts.followUps += await createFollowUps(manager, id, c, clock.today(), now);
        createdIds.push(id);
      }
      for (const { party, role } of c.parties) {
        count('commitmentParties', await manager.query(
          `INSERT INTO commitment_party (commitment_id, party_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING party_id`,
          [id, lookup(partyIds, party, 'party'), role]));
      }
      for (const cite of c.citations) {
        count('citations', await manager.query(
          `INSERT INTO source_citation (commitment_id, source_id, stance, note, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (commitment_id, source_id) DO NOTHING RETURNING source_id`,
          [id, lookup(sourceIds, cite.source, 'source'), cite.stance, cite.note, now]));
      }
    }

    const { ids: events } = await appendEvents(manager, createdIds.map((commitmentId) => ({
      commitmentId, kind: 'CREATED' as const, actor: 'seed', occurredAt: now,
    })));
    counts.events = events.length;
    return counts;
  });
}

/**
 * The row of `table` with this external id; else (a database seeded before external ids) the
 * oldest one with this title and none, which then takes the external id.
 */
async function existingId(manager: EntityManager, table: 'source' | 'engagement' | 'commitment',
  row: { externalId: string; title: string }): Promise<string | null> {
  const byExternalId = await maybeIdOf(manager, `SELECT id FROM ${table} WHERE external_id = $1`, [row.externalId]);
  if (byExternalId) return byExternalId;
  // A CTE, because TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
  return maybeIdOf(manager,
    `WITH claimed AS (
       UPDATE ${table} SET external_id = $1
        WHERE id = (SELECT id FROM ${table} WHERE title = $2 AND external_id IS NULL ORDER BY id LIMIT 1) RETURNING id)
     SELECT id FROM claimed`,
    [row.externalId, row.title]);
}

async function insertCommitment(manager: EntityManager, c: CommitmentSeed, engagementId: string, now: Date): Promise<string> {
  const recurring = c.schedule.kind === 'recurring' ? c.schedule : null;
  return idOf(manager,
    `INSERT INTO commitment (title, description, kind, external_id, engagement_id, recurrence, starts_on, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [c.title, c.description, c.kind, c.externalId, engagementId, recurring && normalizeRecurrence(recurring.rule),
      recurring && firstOccurrenceAfter(recurring.rule, recurring.countedFrom), now]);
}

/** One follow-up for a one-off promise; the occurrences through the horizon for a recurring one. */
async function createFollowUps(manager: EntityManager, commitmentId: string, c: CommitmentSeed, today: CalendarDate, now: Date): Promise<number> {
  if (c.schedule.kind === 'once') {
    await manager.query(
      `INSERT INTO follow_up (commitment_id, title, due_date, created_at) VALUES ($1, $2, $3, $4)`,
      [commitmentId, c.schedule.followUpTitle, c.schedule.dueDate, now]);
    return 1;
  }
  const created = await materializeRecurringFollowUps(manager, {
    id: commitmentId,
    title: c.title,
    recurrence: normalizeRecurrence(c.schedule.rule),
    startsOn: firstOccurrenceAfter(c.schedule.rule, c.schedule.countedFrom),
  }, horizonFrom(today), now);
  return created.length;
}

/**
 * The first date the rule yields after the day it was agreed (see RecurringSchedule): the rule's
 * second occurrence when anchored on that day. Derived, so the data holds only dates the sources give.
 */
export function firstOccurrenceAfter(rule: string, agreedOn: CalendarDate): CalendarDate {
  // Two occurrences of any rule coarser than daily fit within a year and a day; allow for leap days.
  const [, next] = occurrencesThrough(rule, agreedOn, addDays(agreedOn, 367));
  if (!next) throw new Error(`recurrence ${rule} from ${agreedOn} repeats less than yearly`);
  return next;
}

function lookup(ids: Map<string, string>, key: string, kind: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`seed data refers to unknown ${kind} "${key}"`);
  return id;
}

async function maybeIdOf(manager: EntityManager, sql: string, params: unknown[]): Promise<string | null> {
  const rows: { id: string }[] = await manager.query(sql, params);
  return rows[0]?.id ?? null;
}

async function idOf(manager: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const id = await maybeIdOf(manager, sql, params);
  if (!id) throw new Error(`seed expected a row from: ${sql}`);
  return id;
}
