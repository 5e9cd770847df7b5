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

  it('reads the webhook settings: allowed hosts, retry base, and a 32-byte key in base64 or hex', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ webhookAllowHosts: [], webhookRetryBaseMs: 10_000, webhookSecretKey: undefined });
    const key = Buffer.alloc(32, 7);
    const c = loadConfig({ WEBHOOK_ALLOW_HOSTS: ' 127.0.0.1, Receiver.Internal,[::1]', WEBHOOK_RETRY_BASE_MS: '500', WEBHOOK_SECRET_KEY: key.toString('base64') });
    expect(c).toMatchObject({ webhookAllowHosts: ['127.0.0.1', 'receiver.internal', '::1'], webhookRetryBaseMs: 500, webhookSecretKey: key });
    expect(loadConfig({ WEBHOOK_SECRET_KEY: key.toString('hex') }).webhookSecretKey).toEqual(key);
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'too-short' })).toThrow(/WEBHOOK_SECRET_KEY must be 32 random bytes/);
  });

  it('has defaults for every hardening limit, and refuses a header timeout longer than the request timeout', () => {
    expect(loadConfig({})).toMatchObject({
      maxQueryTokens: 5_000, wsMaxConnectionsPerIp: 20, wsMaxSubscriptionsPerConnection: 50, wsMaxDistinctOperations: 500,
      exportConcurrency: 2, dbAnonymousPoolSize: 5, dbAnonymousStatementTimeoutMs: 2_000,
      httpHeadersTimeoutSeconds: 60, httpRequestTimeoutSeconds: 300, httpMaxConnectionsPerIp: 64,
    });
    expect(loadConfig({ DB_POOL_SIZE: '3' }).dbAnonymousPoolSize).toBe(2);
    // Behind a proxy every connection comes from it: the per-address cap is the proxy's job.
    expect(loadConfig({ TRUST_PROXY: '1' }).httpMaxConnectionsPerIp).toBe(0);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_S: '60', HTTP_REQUEST_TIMEOUT_S: '30' })).toThrow(/HTTP_HEADERS_TIMEOUT_S must not exceed/);
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
