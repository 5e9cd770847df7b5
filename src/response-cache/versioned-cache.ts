import { LRUCache } from 'lru-cache';

/** What a lookup tells the caller to do. */
export type Lookup<V> =
  /** Answer with this value. */
  | { kind: 'hit'; value: V }
  /** Compute the answer, then hand it to `fill` (null when it must not be kept); others asking meanwhile wait for it. */
  | { kind: 'miss'; fill(value: V | null, bytes: number): void }
  /** Compute the answer and keep nothing: the caller's version is already out of date, or the computation it waited for failed. */
  | { kind: 'bypass' };

/**
 * Values keyed by a string and by the version of the data they were computed from. Only the
 * newest version seen is kept: a newer version empties the cache, since nothing computed from
 * older data may answer for newer, and a caller still holding an older version gets a bypass.
 * Concurrent misses for the same key share one computation (the first caller's), so a burst of
 * identical requests after a write runs the work once. Bounded by the bytes callers declare,
 * least recently used first out.
 */
export class VersionedCache<V extends object> {
  private version = -1;
  private readonly entries: LRUCache<string, V>;
  private pending = new Map<string, Promise<Lookup<V>>>();

  /** `waitMs`: how long a caller waits for another's computation before computing itself. */
  constructor(maxBytes: number, private readonly waitMs: number) {
    this.entries = new LRUCache<string, V>({ maxSize: maxBytes });
  }

  lookup(version: number, key: string): Lookup<V> | Promise<Lookup<V>> {
    if (version < this.version) return { kind: 'bypass' };
    if (version > this.version) {
      this.version = version;
      this.entries.clear();
      this.pending = new Map();
    }
    const value = this.entries.get(key);
    if (value) return { kind: 'hit', value };
    const computing = this.pending.get(key);
    if (computing) return computing;

    const pending = this.pending;
    let settle!: (outcome: Lookup<V>) => void;
    const outcome = new Promise<Lookup<V>>((resolve) => (settle = resolve));
    // A computation that never reports back (a lost request) must not hold its waiters forever.
    const timer = setTimeout(() => settle({ kind: 'bypass' }), this.waitMs);
    timer.unref();
    pending.set(key, outcome);
    return {
      kind: 'miss',
      fill: (computed, bytes) => {
        clearTimeout(timer);
        if (pending.get(key) === outcome) pending.delete(key);
        const keep = computed !== null && version === this.version && bytes <= this.entries.maxSize;
        if (keep) this.entries.set(key, computed, { size: Math.max(1, bytes) });
        settle(computed === null ? { kind: 'bypass' } : { kind: 'hit', value: computed });
      },
    };
  }
}
