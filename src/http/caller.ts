import type { RequestHandler, Response } from 'express';
import { hasValidKey } from '../api-keys/authenticate';
import { ANONYMOUS, AppServices, Caller, poolFor } from '../graphql/context';

/**
 * Looks the request's API key up once (when it sends one) and records who is asking, for the rate
 * limit, the response cache and the choice of pool in createContext. Mount before all three.
 * The lookup reads through the anonymous pool: until it answers, the caller is anyone (a flood of
 * made-up keys must not take the keyed callers' connections).
 */
export function identifyCaller(services: AppServices): RequestHandler {
  return async (req, res, next) => {
    const caller = await identify(services, req.get('authorization'));
    res.locals.caller = caller;
    next();
  };
}

/** Who sends `authorization` (the HTTP header, or a socket's connectionParams.authorization). */
export async function identify(services: AppServices, authorization: string | undefined): Promise<Caller> {
  if (!authorization) return ANONYMOUS;
  return { authorization, keyed: await hasValidKey(poolFor(services, ANONYMOUS), authorization, services.log) };
}

/** The caller identifyCaller recorded; anonymous on a path it does not guard. */
export function callerOf(res: Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
}
