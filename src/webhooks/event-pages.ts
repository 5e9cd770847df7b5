import type { Config } from '../config';
import type { Queryable } from '../db/queryable';
import type { CommitmentEventRow } from '../events/commitment-event.repository';
import { loadBatchFacts, readEventsAfter } from '../events/event-feed.repository';
import type { BatchFacts, FactNeeds } from '../events/event-filter';

export interface EventPage {
  events: CommitmentEventRow[];
  facts: BatchFacts;
}

const PAGE_SIZE = 200;
/** Full pages never change (ids increase in commit order), so they are kept while room lasts. */
const MAX_FULL_PAGES = 64;
/** The last, partial page grows as events are written: reused only this briefly. */
const TAIL_PAGE_MS = 250;

/**
 * Pages of the event log shared by every webhook a server delivers: a thousand webhooks at the
 * same position read the log once, not a thousand times, and the facts their filters need about
 * those events are loaded once per page.
 */
export class EventPages {
  private readonly pages = new Map<string, { page: Promise<EventPage>; full?: boolean; at: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly config: Pick<Config, 'dueSoonDays' | 'timeZone'>,
  ) {}

  after(afterId: string, needs: FactNeeds): Promise<EventPage> {
    const key = `${afterId}/${needs}`;
    const cached = this.pages.get(key);
    if (cached && (cached.full || Date.now() - cached.at < TAIL_PAGE_MS)) return cached.page;
    const entry: { page: Promise<EventPage>; full?: boolean; at: number } = { at: Date.now(), page: this.read(afterId, needs) };
    entry.page.then(
      (p) => (entry.full = p.events.length === PAGE_SIZE),
      () => this.pages.delete(key),
    );
    this.pages.delete(key);
    this.pages.set(key, entry);
    if (this.pages.size > MAX_FULL_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return entry.page;
  }

  /** New events were written: partial pages are out of date. */
  invalidateTail(): void {
    for (const [key, entry] of this.pages) if (!entry.full) this.pages.delete(key);
  }

  private async read(afterId: string, needs: FactNeeds): Promise<EventPage> {
    const events = await readEventsAfter(this.db, afterId, PAGE_SIZE);
    return { events, facts: await loadBatchFacts(this.db, events, needs, this.config) };
  }
}
