/**
 * How far a replica is behind, told from data versions alone: the primary's version is sampled
 * every few hundred milliseconds and the moment each new version was first seen is kept. A replica
 * at version v is behind by the time since the primary first showed a version above v, and not at
 * all when it has the newest version seen. This measures what readers care about (would the data
 * they get be older, and by how long), works for physical and logical replication alike, and does
 * not grow while nobody writes, unlike `now() - pg_last_xact_replay_timestamp()`. It can under-read
 * by up to one sampling interval (a version reached just after a sample is first seen at the next).
 * Pure: no clock of its own, no I/O.
 */
export class PrimaryVersionHistory {
  /** Versions in rising order, each with the time it was first seen. */
  private readonly seen: { version: number; at: number }[] = [];

  /**
   * `keepMs`: how long entries are kept. Entries older than that are dropped, which leaves the lag
   * of a replica behind all of them read as a lower bound that already exceeds `keepMs`: set it
   * above the largest lag anyone compares with.
   */
  constructor(private readonly keepMs: number) {}

  /**
   * Records a sample. The first sample's version is taken to have existed forever: a replica found
   * behind it when the server starts has an unknown lag, so it is not read from until it catches up.
   */
  observe(version: number, at: number): void {
    const last = this.seen[this.seen.length - 1];
    if (!last) this.seen.push({ version, at: -Infinity });
    else if (version > last.version) this.seen.push({ version, at });
    while (this.seen.length > 1 && this.seen[1].at < at - this.keepMs) this.seen.shift();
  }

  /** The newest primary version seen; undefined before the first sample. */
  get latest(): number | undefined {
    return this.seen[this.seen.length - 1]?.version;
  }

  /** Milliseconds a replica at `replicaVersion` is behind at `now`; Infinity when unknown. */
  lagMs(replicaVersion: number, now: number): number {
    if (!this.seen.length) return Infinity;
    const firstNewer = this.seen.find((entry) => entry.version > replicaVersion);
    return firstNewer ? Math.max(now - firstNewer.at, 0) : 0;
  }
}
