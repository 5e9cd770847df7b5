import type { RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { callerOf } from './caller';

const WINDOW_MS = 60_000;

/** What a charge against the budget decided. */
export type Charge = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The per-client budget of anonymous requests: RATE_LIMIT_PER_MINUTE a minute per client address
 * (IPv6 by /56, so one host cannot dodge it by rotating addresses). One budget for every door:
 * HTTP requests to /graphql and the exports, and each query or subscribe message over a WebSocket,
 * so a socket is no way around the limit. The count lives in memory: one window per address per
 * server process.
 */
export class ClientBudget {
  readonly store = new MemoryStore();

  constructor(readonly limit: number) {}

  /** The key an address is counted under: the same for HTTP and WebSocket callers. */
  static keyOf(address: string | undefined): string {
    return ipKeyGenerator(address ?? 'unknown');
  }

  /** Counts one anonymous operation from `address` (outside Express: a WebSocket message). */
  async charge(address: string | undefined): Promise<Charge> {
    if (this.limit === 0) return { allowed: true };
    const { totalHits, resetTime } = await this.store.increment(ClientBudget.keyOf(address));
    if (totalHits <= this.limit) return { allowed: true };
    const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
    return { allowed: false, retryAfterSeconds };
  }

  /** The sentence a refused caller reads, on either transport. */
  refusal(retryAfterSeconds: number): string {
    return `Too many requests: at most ${this.limit} a minute from one client without an API key (RATE_LIMIT_PER_MINUTE). Retry after ${retryAfterSeconds} s.`;
  }
}

export function createClientBudget(config: Pick<Config, 'rateLimitPerMinute'>): ClientBudget {
  return new ClientBudget(config.rateLimitPerMinute);
}

/**
 * The HTTP side of the budget: past it, 429 with Retry-After. Requests carrying a valid, unrevoked
 * API key are not counted (CallerIdentifier decided that): keys are issued by an admin to people we
 * trust, and writes must not fail for a reader's burst. An invalid key counts as anonymous.
 * 0 turns it off. Mount one instance on every path it guards, since it owns the store.
 */
export function anonymousRateLimit(budget: ClientBudget, log: Logger): RequestHandler {
  const limit = budget.limit;
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    store: budget.store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Spelled out rather than through keyOf: express-rate-limit checks that ipKeyGenerator is called here.
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: (_req, res) => callerOf(res).keyed,
    logger: { error: (err, msg) => log.error({ err }, msg), warn: (err, msg) => log.warn({ err }, msg) },
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after') ?? WINDOW_MS / 1000);
      res.status(429).json({
        errors: [{ message: budget.refusal(retryAfter), extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds: retryAfter } }],
      });
    },
  });
}
