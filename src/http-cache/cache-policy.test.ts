import { ifNoneMatchNames, parseMinDataVersion, publicCacheControl } from './cache-policy';

describe('HTTP cache policy', () => {
  it('writes Cache-Control from the configured ages', () => {
    expect(publicCacheControl({ httpCacheMaxAgeSeconds: 60, httpCacheStaleWhileRevalidateSeconds: 300 })).toBe('public, max-age=60, stale-while-revalidate=300');
  });

  it('compares If-None-Match weakly, in lists, and honours "*"', () => {
    expect(ifNoneMatchNames('W/"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchNames('"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchNames('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchNames('*', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchNames('W/"abd"', 'W/"abc"')).toBe(false);
    expect(ifNoneMatchNames(undefined, 'W/"abc"')).toBe(false);
  });

  it('reads X-Min-Data-Version as a whole number, absent as 0, and refuses anything else with a sentence', () => {
    expect(parseMinDataVersion(undefined)).toEqual({ ok: true, version: 0 });
    expect(parseMinDataVersion(' 42 ')).toEqual({ ok: true, version: 42 });
    for (const bad of ['-1', '1.5', 'latest', '1e3', '9'.repeat(20)]) {
      const parsed = parseMinDataVersion(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/X-Min-Data-Version must be a data version/);
    }
  });
});
