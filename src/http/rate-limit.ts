import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { findKeyByHash } from '../api-keys/api-key.repository';
import { hashKey } from '../api-keys/authenticate';
import type { AppServices } from '../graphql/context';

const WINDOW_MS = 60_000;

/**
 * Anonymous callers get RATE_LIMIT_PER_MINUTE requests a minute per client IP (IPv6 by /56, so one
 * host cannot dodge it by rotating addresses); past that, 429 with Retry-After. Requests carrying a
 * valid, unrevoked API key are not counted: keys are issued by an admin to people we trust, and
 * writes must not fail for a reader's burst. An invalid key counts as anonymous. 0 turns it off.
 * The count lives in memory: one server process, one window per IP.
 */
export function anonymousRateLimit({ db, config, log }: AppServices): RequestHandler {
  const limit = config.rateLimitPerMinute;
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: async (req) => hasValidKey(db, req.get('authorization'), log),
    logger: { error: (err, msg) => log.error({ err }, msg), warn: (err, msg) => log.warn({ err }, msg) },
    handler: (_req, res) => {
      const retryAfter = Number(res.getHeader('retry-after') ?? WINDOW_MS / 1000);
      res.status(429).json({
        errors: [
          {
            message: `Too many requests: at most ${limit} a minute from one client without an API key (RATE_LIMIT_PER_MINUTE). Retry after ${retryAfter} s.`,
            extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds: retryAfter },
          },
        ],
      });
    },
  });
}

async function hasValidKey(db: AppServices['db'], authorization: string | undefined, log: Logger): Promise<boolean> {
  const token = /^\s*Bearer\s+(\S{1,512})\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) return false;
  try {
    const key = await findKeyByHash(db, hashKey(token));
    return !!key && !key.revokedAt;
  } catch (err) {
    // The database is down: count the request as anonymous; the request itself will report the outage.
    log.warn({ err }, 'could not check an API key for the rate limit');
    return false;
  }
}
