import { LRUCache } from 'lru-cache';
import type { Config } from '../config';
import type { CommitmentCriteria } from '../commitments/commitment-criteria';
import type { Queryable } from '../db/queryable';
import type { CommitmentEventRow } from './commitment-event.repository';
import { commitmentIdsInScope, loadBatchFacts, readEventsAfter, readEventsOfCommitmentsAfter } from './event-feed.repository';
import type { BatchFacts, FactNeeds } from './event-filter';

/** Statements replaying the log that may run at once, for every subscriber of this process together. */
const CONCURRENT_READS = 2;
/** Pages kept after they were read, so subscribers replaying the same stretch read it once. */
const KEPT_PAGES = 64;
/**
 * A filter whose commitments number at most this is replayed from the (commitment_id, id) index:
 * only those commitments' events are read. Past it, reading the log in id order is as cheap.
 */
export const MAX_SCOPED_COMMITMENTS = 1_000;

export interface ReplayPage {
  events: CommitmentEventRow[];
  facts: BatchFacts;
}

/** Where a replay may find its events: every event, or only those of these commitments. */
export type ReplayScope = { kind: 'log' } | { kind: 'commitments'; ids: readonly string[] };

/**
 * The one reader of the event log for every replaying subscriber of this process. Replays are
 * what a crowd of clients resuming from an old cursor does, so:
 *  - the same page (same start, size, scope and facts) asked for by several subscribers, at once
 *    or soon after, is read once: N subscribers replaying the same stretch cost what one does;
 *  - at most CONCURRENT_READS statements run at once; the others wait their turn, so replays
 *    queue up behind each other instead of taking the pool from everyone else;
 *  - a filter on parties, an engagement, due dates or words is first turned into its commitments
 *    (an indexed query), and only their events are read: a filter that matches nothing costs one
 *    index read, not a pass over the whole log.
 */
export class ReplayReader {
  private readonly pages = new LRUCache<string, Promise<ReplayPage>>({ max: KEPT_PAGES });
  private readonly scopes = new LRUCache<string, Promise<ReplayScope>>({ max: KEPT_PAGES });
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly db: Queryable, private readonly config: Pick<Config, 'dueSoonDays' | 'timeZone'>) {}

  /**
   * The scope of a subscription's criteria. Ask only once the subscriber is registered with the
   * stream: every commitment with an event up to the stream's position exists by then. Identical
   * criteria asked for while one query runs share it; nothing is kept after, so no scope predates
   * its subscriber.
   */
  scopeOf(criteria: CommitmentCriteria): Promise<ReplayScope> {
    const key = JSON.stringify({ ...criteria, statuses: null });
    return this.shared(this.scopes, key, () => false, async () => {
      const ids = await commitmentIdsInScope(this.db, criteria, MAX_SCOPED_COMMITMENTS);
      return ids === null || ids.length > MAX_SCOPED_COMMITMENTS ? { kind: 'log' } : { kind: 'commitments', ids };
    });
  }

  /** The events after `afterId` in `scope`, at most `limit`, with the facts `needs` asks for. */
  read(afterId: string, limit: number, scope: ReplayScope, needs: FactNeeds): Promise<ReplayPage> {
    const key = JSON.stringify([afterId, limit, needs, scope.kind === 'log' ? null : scope.ids]);
    // A full page never changes (ids are in commit order); a short one reached the end of the log
    // and would hide events committed since, so it is shared only while being read.
    return this.shared(this.pages, key, (page) => page.events.length === limit, async () => {
      const events = scope.kind === 'log' ? await readEventsAfter(this.db, afterId, limit) : await readEventsOfCommitmentsAfter(this.db, afterId, scope.ids, limit);
      return { events, facts: await loadBatchFacts(this.db, events, needs, this.config) };
    });
  }

  /**
   * One computation per key at a time, run under the concurrency gate; once done it stays for later
   * askers only if `keep` says so (a failure never does, so a retry reads again).
   */
  private shared<V>(cache: LRUCache<string, Promise<V>>, key: string, keep: (value: V) => boolean, compute: () => Promise<V>): Promise<V> {
    const known = cache.get(key);
    if (known) return known;
    const value = this.gated(compute);
    cache.set(key, value);
    const forget = () => cache.get(key) === value && cache.delete(key);
    value.then((v) => keep(v) || forget(), forget);
    return value;
  }

  private async gated<V>(compute: () => Promise<V>): Promise<V> {
    if (this.running < CONCURRENT_READS) this.running += 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve)); // the finishing read hands its slot over
    try {
      return await compute();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
