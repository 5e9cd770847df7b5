import type { RequestHandler, Response } from 'express';
import { hasValidKey } from '../api-keys/authenticate';
import { ANONYMOUS, AppServices, Caller } from '../graphql/context';

/**
 * Looks the request's API key up once (when it sends one) and records who is asking, for the rate
 * limit, the response cache and the choice of pool in createContext. Mount before all three.
 */
export function identifyCaller({ db, log }: AppServices): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.get('authorization');
    const caller: Caller = authorization ? { authorization, keyed: await hasValidKey(db, authorization, log) } : ANONYMOUS;
    res.locals.caller = caller;
    next();
  };
}

/** The caller identifyCaller recorded; anonymous on a path it does not guard. */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
}
