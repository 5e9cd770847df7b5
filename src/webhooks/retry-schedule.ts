/**
 * When a failing delivery is tried again: the first retry after the base delay
 * (WEBHOOK_RETRY_BASE_MS), each later one after twice the one before, never more than an hour
 * apart, for 24 hours from the first failure. Past that the event is given up and the webhook
 * goes on with the next one. Pure, so the README's table and the dispatcher come from one place.
 */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The wait before retry number `failures` (1 after the first failure). */
export function retryDelayMs(failures: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.min(failures - 1, 40), MAX_RETRY_DELAY_MS);
}

export type AfterFailure = { giveUp: false; retryInMs: number } | { giveUp: true };

/**
 * What to do after a failed attempt, given how many attempts at this event had already failed and
 * how long ago the first of them was (0 when this is the first).
 */
export function afterFailure(previousFailures: number, failingForMs: number, baseMs: number): AfterFailure {
  const retryInMs = retryDelayMs(previousFailures + 1, baseMs);
  return failingForMs + retryInMs > RETRY_WINDOW_MS ? { giveUp: true } : { giveUp: false, retryInMs };
}

/** Every retry's delay, in order, for a base: what afterFailure produces for an event that never succeeds. */
export function retrySchedule(baseMs: number): number[] {
  const delays: number[] = [];
  let elapsed = 0;
  for (;;) {
    const next = afterFailure(delays.length, elapsed, baseMs);
    if (next.giveUp) return delays;
    delays.push(next.retryInMs);
    elapsed += next.retryInMs;
  }
}
