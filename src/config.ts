import { isValidTimeZone } from './domain/dates';
import { DEFAULT_DUE_SOON_DAYS } from './domain/status';

/**
 * Every environment variable the server reads, parsed and checked here and nowhere else.
 * A bad value stops the process at start with one message naming every problem.
 */
export interface Config {
  port: number;
  /** Interface to listen on (HOST); 127.0.0.1 unless told otherwise, so a laptop does not serve its network. */
  host: string;
  /**
   * The address users reach this server at (PUBLIC_URL, no trailing slash): links in pages, feeds and
   * files start with it. Unset, the server's own loopback address once it listens. Never the request's
   * Host header, which a client chooses and a cache would then hand to everyone.
   */
  publicUrl?: string;
  /** Unset: an embedded Postgres is started with its data under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  adminApiKey?: string;
  clockStart?: Date;
  timeZone: string;
  schedulerIntervalMs: number;
  /** Events a live subscriber may have waiting in memory; past this it catches up from the event log instead. */
  subscriptionBufferLimit: number;
  /** A subscriber with events waiting that takes none for this long is closed; it resumes by cursor. */
  subscriptionStallMs: number;
  dueSoonDays: number;
  logLevel: string;
  production: boolean;
  /** The in-browser GraphQL IDE; on by default outside production. */
  playground: boolean;
  /** Origins allowed by CORS; empty means same-origin only. "*" allows any. */
  corsOrigins: string[];
  /** Proxies in front of the server whose X-Forwarded-For is believed (0: none); sets req.ip for the rate limit. */
  trustProxy: number;
  /** Query limits (see src/http/limits): nesting depth, cost (≈ objects returned), aliased fields. */
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  /** Largest JSON request body accepted, in bytes; larger is refused with 413. Also the largest WebSocket message. */
  maxBodyBytes: number;
  /** Lexical tokens a document may have; parsing stops at the first one past it (MAX_QUERY_TOKENS). */
  maxQueryTokens: number;
  /** WebSocket connections open at once from one client address (WS_MAX_CONNECTIONS_PER_IP). */
  wsMaxConnectionsPerIp: number;
  /** Operations running at once on one WebSocket (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION). */
  wsMaxSubscriptionsPerConnection: number;
  /** Distinct subscription operations (text and variables) live on this server; each costs one execution per event. */
  wsMaxDistinctOperations: number;
  /** CSV and iCalendar exports produced at once; one more waits for none and gets 503 + Retry-After. */
  exportConcurrency: number;
  /** Connections of the pool that requests without a valid API key read through, and their statement timeout. */
  dbAnonymousPoolSize: number;
  dbAnonymousStatementTimeoutMs: number;
  /** Seconds a client has to send its request headers, and its whole request (slow-loris). */
  httpHeadersTimeoutSeconds: number;
  httpRequestTimeoutSeconds: number;
  /** HTTP connections open at once from one peer address; 0: no cap (the default behind a proxy, TRUST_PROXY > 0). */
  httpMaxConnectionsPerIp: number;
  /** Requests a minute per client IP without a valid API key; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Postgres cancels any statement running longer (statement_timeout). */
  dbStatementTimeoutMs: number;
  /** Pooled connections to Postgres, and how long a request waits for one before SERVICE_UNAVAILABLE. */
  dbPoolSize: number;
  dbPoolTimeoutMs: number;
  /** Memory for answers kept by the response cache (their JSON size), in bytes; 0 turns it off. */
  responseCacheBytes: number;
  /** Largest CSV file POST /import/*.csv accepts (IMPORT_MAX_BYTES), in bytes; larger is refused with 413. */
  importMaxBytes: number;
  /** Hosts (WEBHOOK_ALLOW_HOSTS, lower-case) webhooks may reach over http or at loopback, private or link-local addresses. */
  webhookAllowHosts: string[];
  /** First retry delay of a failing webhook delivery (WEBHOOK_RETRY_BASE_MS); each later one doubles, up to an hour. */
  webhookRetryBaseMs: number;
  /**
   * The 32-byte key webhook secrets are encrypted with at rest (WEBHOOK_SECRET_KEY, base64 or hex).
   * Unset: main.ts generates one into dataDir when the embedded Postgres is used; otherwise
   * createWebhook is refused.
   */
  webhookSecretKey?: Buffer;
  /** HTTP caching of anonymous GET reads (src/http-cache): Cache-Control max-age and stale-while-revalidate, in seconds. */
  httpCacheMaxAgeSeconds: number;
  httpCacheStaleWhileRevalidateSeconds: number;
  /** Read replicas (DATABASE_READ_URLS, comma-separated) for anonymous reads; empty: everything reads the primary. */
  databaseReadUrls: string[];
  /** A replica further behind the primary than this is not read from (REPLICA_MAX_LAG_MS). */
  replicaMaxLagMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  let clockStart: Date | undefined;
  if (env.CLOCK_START) {
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(env.CLOCK_START);
    clockStart = new Date(env.CLOCK_START);
    if (!ok || Number.isNaN(clockStart.getTime())) {
      problems.push(`CLOCK_START must be an ISO-8601 instant with an offset, e.g. 2026-04-07T23:59:55Z, got "${env.CLOCK_START}"`);
      clockStart = undefined;
    }
  }

  const timeZone = env.TRACKER_TIME_ZONE || 'UTC';
  if (!isValidTimeZone(timeZone)) problems.push(`TRACKER_TIME_ZONE must be an IANA time zone such as Asia/Karachi, got "${timeZone}"`);

  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey && adminApiKey.length < 24) problems.push('ADMIN_API_KEY must be at least 24 characters long');

  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://tracker.example.org, got "${env.PUBLIC_URL}"`);
  }

  const webhookSecretKey = env.WEBHOOK_SECRET_KEY ? parseWebhookSecretKey(env.WEBHOOK_SECRET_KEY) : undefined;
  if (env.WEBHOOK_SECRET_KEY && !webhookSecretKey) {
    problems.push('WEBHOOK_SECRET_KEY must be 32 random bytes written as base64 or hex, e.g. the output of `openssl rand -base64 32`');
  }
  const databaseReadUrls = (env.DATABASE_READ_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const url of databaseReadUrls) {
    if (!/^postgres(ql)?:\/\//.test(url)) problems.push('DATABASE_READ_URLS must be postgres:// or postgresql:// URLs separated by commas');
  }
  if (databaseReadUrls.length && !databaseUrl) problems.push('DATABASE_READ_URLS needs DATABASE_URL: replicas follow a primary the server is given');

  const production = env.NODE_ENV === 'production';
  const trustProxy = int('TRUST_PROXY', 0, 0, 10);
  const dbPoolSize = int('DB_POOL_SIZE', 10, 1, 1000);
  const config: Config = {
    port: int('PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    publicUrl,
    databaseUrl,
    dataDir: env.TRACKER_DATA_DIR || '.data',
    adminApiKey,
    clockStart,
    timeZone,
    schedulerIntervalMs: int('SCHEDULER_INTERVAL_MS', 60_000, 50, 86_400_000),
    subscriptionBufferLimit: int('SUBSCRIPTION_BUFFER_LIMIT', 1_000, 1, 1_000_000),
    subscriptionStallMs: int('SUBSCRIPTION_STALL_MS', 30_000, 100, 3_600_000),
    dueSoonDays: int('DUE_SOON_DAYS', DEFAULT_DUE_SOON_DAYS, 0, 365),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    production,
    playground: bool('PLAYGROUND', !production),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy,
    maxQueryDepth: int('MAX_QUERY_DEPTH', 15, 2, 100),
    maxQueryCost: int('MAX_QUERY_COST', 20_000, 1, 10_000_000),
    maxAliases: int('MAX_ALIASES', 30, 0, 1000),
    maxBodyBytes: int('MAX_BODY_BYTES', 102_400, 1024, 10_485_760),
    // 5,000 tokens is a document of some 30 KB of fields; GraphiQL's introspection query has about 200.
    maxQueryTokens: int('MAX_QUERY_TOKENS', 5_000, 100, 1_000_000),
    // A dashboard holds one socket; 20 leaves room for a household or an office behind one NAT address.
    wsMaxConnectionsPerIp: int('WS_MAX_CONNECTIONS_PER_IP', 20, 1, 100_000),
    // The dashboard runs 2 operations; 50 leaves room for a client watching many filters at once.
    wsMaxSubscriptionsPerConnection: int('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1, 10_000),
    // Each distinct operation is executed once per matching event (~0.4 ms each on a small machine).
    wsMaxDistinctOperations: int('WS_MAX_DISTINCT_OPERATIONS', 500, 1, 1_000_000),
    exportConcurrency: int('EXPORT_CONCURRENCY', 2, 1, 100),
    // Half as many again, of their own: anonymous readers can never take the connections keyed
    // writers need, and never run more than this many statements at once — which is what bounds
    // the database CPU they can take (size it to the cores anonymous traffic may have).
    dbAnonymousPoolSize: int('DB_ANONYMOUS_POOL_SIZE', Math.max(1, Math.ceil(dbPoolSize / 2)), 1, 1000),
    dbAnonymousStatementTimeoutMs: int('DB_ANONYMOUS_STATEMENT_TIMEOUT_MS', 2_000, 100, 600_000),
    // Node's own defaults: shorter header timeouts made a busy in-process test server reset
    // reused keep-alive connections (not understood yet); the per-address cap bounds slow clients.
    httpHeadersTimeoutSeconds: int('HTTP_HEADERS_TIMEOUT_S', 60, 1, 3_600),
    httpRequestTimeoutSeconds: int('HTTP_REQUEST_TIMEOUT_S', 300, 1, 3_600),
    httpMaxConnectionsPerIp: int('HTTP_MAX_CONNECTIONS_PER_IP', trustProxy > 0 ? 0 : 64, 0, 1_000_000),
    // Off under test: test files fire hundreds of requests from one address.
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', env.NODE_ENV === 'test' ? 0 : 600, 0, 1_000_000),
    dbStatementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 600_000),
    dbPoolSize,
    dbPoolTimeoutMs: int('DB_POOL_TIMEOUT_MS', 5_000, 50, 600_000),
    responseCacheBytes: int('RESPONSE_CACHE_MB', 32, 0, 65_536) * 1024 * 1024,
    importMaxBytes: int('IMPORT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    webhookAllowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')).filter(Boolean),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10_000, 1, 3_600_000),
    webhookSecretKey,
    httpCacheMaxAgeSeconds: int('HTTP_CACHE_MAX_AGE', 60, 0, 31_536_000),
    httpCacheStaleWhileRevalidateSeconds: int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300, 0, 31_536_000),
    databaseReadUrls,
    replicaMaxLagMs: int('REPLICA_MAX_LAG_MS', 5_000, 0, 3_600_000),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${config.logLevel}"`);
  }
  if (config.httpHeadersTimeoutSeconds > config.httpRequestTimeoutSeconds) {
    problems.push('HTTP_HEADERS_TIMEOUT_S must not exceed HTTP_REQUEST_TIMEOUT_S (the headers are part of the request)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** 32 bytes from 64 hex digits or from base64 / base64url; undefined if it is neither. */
function parseWebhookSecretKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  return key?.length === 32 ? key : undefined;
}
