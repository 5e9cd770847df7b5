import type { CommitmentCriteria } from '../commitments/commitment-criteria';
import { CalendarDate, dateInZone } from '../domain/dates';
import { commitmentStatus, followUpStatus, Status } from '../domain/status';
import type { CommitmentEventRow } from './commitment-event.repository';
import type { CommitmentFacts } from './event-feed.repository';

/** How much a filter needs read about each event's commitment. */
export type FactNeeds = 'none' | 'commitment' | 'followUps';

const NEEDS_ORDER: FactNeeds[] = ['none', 'commitment', 'followUps'];
export const widestNeeds = (needs: Iterable<FactNeeds>): FactNeeds =>
  [...needs].reduce((a, b) => (NEEDS_ORDER.indexOf(b) > NEEDS_ORDER.indexOf(a) ? b : a), 'none' as FactNeeds);

/**
 * The facts of one batch of events, shared by every subscriber's filter: commitment rows read once,
 * and each commitment's status per day computed at most once.
 */
export class BatchFacts {
  private readonly statuses = new Map<string, Status | undefined>();
  private readonly days = new Map<CommitmentEventRow, CalendarDate>();

  constructor(
    private readonly facts: ReadonlyMap<string, CommitmentFacts>,
    private readonly dueSoonDays: number,
    private readonly timeZone: string,
  ) {}

  commitment(id: string): CommitmentFacts | undefined {
    return this.facts.get(id);
  }

  /** The day the event happened in the tracker's time zone: the date its status filter is judged on. */
  dayOf(event: CommitmentEventRow): CalendarDate {
    let day = this.days.get(event);
    if (day === undefined) this.days.set(event, (day = dateInZone(new Date(event.occurredAt), this.timeZone)));
    return day;
  }

  statusOn(commitmentId: string, day: CalendarDate): Status | undefined {
    const key = `${commitmentId}@${day}`;
    if (!this.statuses.has(key)) {
      const followUps = this.facts.get(commitmentId)?.followUps;
      this.statuses.set(key, followUps && commitmentStatus(followUps.map((f) => followUpStatus(f, day, this.dueSoonDays))));
    }
    return this.statuses.get(key);
  }
}

export interface EventFilter {
  needs: FactNeeds;
  matches(event: CommitmentEventRow, facts: BatchFacts): boolean;
}

/**
 * A checked CommitmentFilter (see commitment-criteria.ts) as an in-memory predicate on events,
 * with the same meaning as in Query.commitments, except for status, which has no asOf here:
 * an event matches when its commitment's status as of the event's day is listed, or when the event
 * itself moves a follow-up into or out of a listed status — so a view of, say, OVERDUE
 * commitments also learns when one stops being overdue.
 */
export function compileEventFilter(criteria: CommitmentCriteria): EventFilter {
  const tests: ((e: CommitmentEventRow, c: CommitmentFacts, facts: BatchFacts) => boolean)[] = [];
  let needs: FactNeeds = 'none';

  if (criteria.partyIds) {
    const wanted = new Set(criteria.partyIds);
    tests.push((_e, c) => c.partyIds.some((id) => wanted.has(id)));
  }
  if (criteria.involvingPartyIds) {
    const wanted = new Set(criteria.involvingPartyIds);
    tests.push((_e, c) => c.involvedPartyIds.some((id) => wanted.has(id)));
  }
  if (criteria.kinds) {
    const wanted = new Set(criteria.kinds);
    tests.push((_e, c) => wanted.has(c.kind));
  }
  if (criteria.sourceId || criteria.stances) {
    const { sourceId, stances } = criteria;
    tests.push((_e, c) => c.citations.some((s) => (!sourceId || s.sourceId === sourceId) && (!stances || stances.includes(s.stance))));
  }
  if (criteria.engagementId) {
    const wanted = criteria.engagementId;
    tests.push((_e, c) => c.engagementId === wanted);
  }
  if (criteria.searchPatterns.length) {
    const words = criteria.searchPatterns.map(ilikeToRegExp);
    tests.push((_e, c) => words.every((w) => w.test(c.title) || (c.description !== null && w.test(c.description))));
  }
  if (tests.length) needs = 'commitment';
  if (criteria.dueFrom || criteria.dueTo) {
    const { dueFrom, dueTo } = criteria;
    tests.push((_e, c) => (c.followUps ?? []).some((f) => f.dueDate !== null && (!dueFrom || f.dueDate >= dueFrom) && (!dueTo || f.dueDate <= dueTo)));
    needs = 'followUps';
  }
  if (criteria.statuses) {
    const wanted = new Set<Status | null>(criteria.statuses);
    tests.push((e, c, facts) => wanted.has(e.status) || wanted.has(e.previousStatus) || wanted.has(facts.statusOn(c.id, facts.dayOf(e)) ?? null));
    needs = 'followUps';
  }

  return {
    needs,
    matches: (event, facts) => {
      if (!tests.length) return true;
      const commitment = facts.commitment(event.commitmentId);
      return commitment !== undefined && tests.every((t) => t(event, commitment, facts));
    },
  };
}

/** An ILIKE pattern (with % and _ wildcards and backslash escapes) as a case-insensitive RegExp. */
export function ilikeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'is');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
