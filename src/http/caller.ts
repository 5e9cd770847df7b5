import type { RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { checkKey } from '../api-keys/authenticate';
import { ANONYMOUS, AppServices, Caller } from '../graphql/context';

/**
 * How long a key found invalid is remembered: keys are random, so one that names nothing now never
 * will, and a flood of the same made-up key costs one lookup a minute. Valid keys are looked up on
 * every request, so a revoked key counts as anonymous at once.
 */
const INVALID_FOR_MS = 60_000;

/**
 * Who is asking, decided once per request (or per socket) for the rate limit, the response cache
 * and the choice of pool in createContext. The key is looked up on the main pool, so keyed callers
 * never queue behind anonymous load.
 */
export class CallerIdentifier {
  private readonly invalid = new LRUCache<string, true>({ max: 10_000, ttl: INVALID_FOR_MS });

  constructor(private readonly services: AppServices) {}

  async identify(authorization: string | undefined): Promise<Caller> {
    if (!authorization) return ANONYMOUS;
    // Kept by digest, so no secret outlives the request in memory.
    const digest = createHash('sha256').update(authorization).digest('base64');
    if (this.invalid.has(digest)) return { authorization, keyed: false };
    const { answer, key } = await checkKey(this.services.db, authorization, this.services.log);
    if (answer === 'invalid') this.invalid.set(digest, true);
    return { authorization, keyed: answer === 'valid', unverified: answer === 'unknown', key };
  }

  /** Express middleware recording the caller for callerOf. Mount before the rate limit and the routes. */
  middleware(): RequestHandler {
    return async (req, res, next) => {
      res.locals.caller = await this.identify(req.get('authorization'));
      next();
    };
  }
}

/** The caller the middleware recorded; anonymous on a path it does not guard. */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
}
