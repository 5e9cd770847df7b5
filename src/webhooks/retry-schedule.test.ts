import { afterFailure, MAX_RETRY_DELAY_MS, retryDelayMs, retrySchedule, RETRY_WINDOW_MS } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('waits the base delay first and doubles it after every further failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 10_000))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('never waits more than an hour between attempts', () => {
    expect(retryDelayMs(9, 10_000)).toBe(2_560_000);
    expect(retryDelayMs(10, 10_000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(500, 10_000)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('retries for 24 hours from the first failure and then gives the event up', () => {
    const delays = retrySchedule(10_000);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(total + MAX_RETRY_DELAY_MS).toBeGreaterThan(RETRY_WINDOW_MS);
    expect(delays.slice(0, 3)).toEqual([10_000, 20_000, 40_000]);
    expect(delays.length).toBe(31);
    expect(afterFailure(delays.length, total, 10_000)).toEqual({ giveUp: true });
  });

  it('schedules the next attempt while the 24 hours are not used up', () => {
    expect(afterFailure(0, 0, 500)).toEqual({ giveUp: false, retryInMs: 500 });
    expect(afterFailure(3, 60_000, 500)).toEqual({ giveUp: false, retryInMs: 4_000 });
    expect(afterFailure(20, RETRY_WINDOW_MS - 1_000, 500)).toEqual({ giveUp: true });
  });
});
