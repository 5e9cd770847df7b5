import { PrimaryVersionHistory } from './replica-lag';

describe('PrimaryVersionHistory', () => {
  it('reads a replica with the newest version as not behind, however long nobody writes', () => {
    const h = new PrimaryVersionHistory(60_000);
    h.observe(7, 1_000);
    h.observe(7, 50_000);
    expect(h.lagMs(7, 50_000)).toBe(0);
  });

  it('measures a lag from the moment the primary first showed a newer version', () => {
    const h = new PrimaryVersionHistory(60_000);
    h.observe(7, 1_000);
    h.observe(8, 2_000);
    h.observe(9, 2_500);
    h.observe(9, 3_000);
    expect(h.lagMs(8, 3_000)).toBe(500);
    expect(h.lagMs(7, 3_000)).toBe(1_000);
    expect(h.latest).toBe(9);
  });

  it('treats a replica behind the first version it ever saw as infinitely behind', () => {
    const h = new PrimaryVersionHistory(60_000);
    expect(h.lagMs(1, 0)).toBe(Infinity);
    h.observe(7, 1_000);
    expect(h.lagMs(6, 1_000)).toBe(Infinity);
    expect(h.lagMs(7, 1_000)).toBe(0);
  });

  it('keeps a bounded history and still reads a replica behind all of it as further behind than kept', () => {
    const h = new PrimaryVersionHistory(10_000);
    for (let v = 1; v <= 1_000; v++) h.observe(v, v * 100);
    const now = 100_000;
    expect(h.lagMs(999, now)).toBe(0);
    expect(h.lagMs(10, now)).toBeGreaterThan(10_000);
    expect(h.lagMs(1, now)).toBeGreaterThan(10_000);
  });
});
