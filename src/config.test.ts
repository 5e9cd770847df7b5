import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('uses the contract defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, timeZone: 'UTC', schedulerIntervalMs: 60000, dueSoonDays: 14, databaseUrl: undefined });
  });

  it('reads every variable of the runtime contract', () => {
    const c = loadConfig({
      PORT: '4100', DATABASE_URL: 'postgres://localhost/x', ADMIN_API_KEY: 'a'.repeat(32),
      CLOCK_START: '2026-04-07T23:59:55Z', TRACKER_TIME_ZONE: 'Asia/Karachi', SCHEDULER_INTERVAL_MS: '1000',
    });
    expect(c.port).toBe(4100);
    expect(c.clockStart?.toISOString()).toBe('2026-04-07T23:59:55.000Z');
    expect(c.timeZone).toBe('Asia/Karachi');
    expect(c.schedulerIntervalMs).toBe(1000);
  });

  it('sizes the response cache in MiB, where 0 turns it off', () => {
    expect(loadConfig({}).responseCacheBytes).toBe(32 * 1024 * 1024);
    expect(loadConfig({ RESPONSE_CACHE_MB: '0' }).responseCacheBytes).toBe(0);
    expect(() => loadConfig({ RESPONSE_CACHE_MB: 'lots' })).toThrow(/RESPONSE_CACHE_MB must be an integer/);
  });

  it('reads the HTTP caching ages, the read replicas and their lag limit', () => {
    expect(loadConfig({})).toMatchObject({ httpCacheMaxAgeSeconds: 60, httpCacheStaleWhileRevalidateSeconds: 300, databaseReadUrls: [], replicaMaxLagMs: 5000 });
    const c = loadConfig({
      DATABASE_URL: 'postgres://primary/x', DATABASE_READ_URLS: ' postgres://r1/x , postgresql://r2/x ', REPLICA_MAX_LAG_MS: '250',
      HTTP_CACHE_MAX_AGE: '5', HTTP_CACHE_STALE_WHILE_REVALIDATE: '0',
    });
    expect(c).toMatchObject({ databaseReadUrls: ['postgres://r1/x', 'postgresql://r2/x'], replicaMaxLagMs: 250, httpCacheMaxAgeSeconds: 5, httpCacheStaleWhileRevalidateSeconds: 0 });
  });

  it('refuses read replicas that are not postgres URLs, or without a primary', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/x', DATABASE_READ_URLS: 'mysql://r/x' })).toThrow(/DATABASE_READ_URLS must be postgres/);
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r/x' })).toThrow(/DATABASE_READ_URLS needs DATABASE_URL/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', CLOCK_START: 'yesterday', TRACKER_TIME_ZONE: 'Mars/Olympus', SCHEDULER_INTERVAL_MS: '-1' });
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toHaveLength(4);
    }
  });
});
