import type { RequestHandler } from 'express';
import { errorBody } from '../http/graphql-body';
import { MIN_DATA_VERSION_HEADER, parseMinDataVersion, VARY_ON } from './cache-policy';

/**
 * In front of Apollo on /graphql: declares what answers vary on (appended, so CORS's own
 * `Vary: Origin` stays), and reads X-Min-Data-Version into `res.locals.minDataVersion` for
 * createContext, refusing a value that is not a data version with 400 BAD_REQUEST.
 */
export function graphqlCacheHeaders(): RequestHandler {
  return (req, res, next) => {
    for (const header of VARY_ON) res.vary(header);
    const parsed = parseMinDataVersion(req.get(MIN_DATA_VERSION_HEADER));
    if (!parsed.ok) {
      res.status(400).set('cache-control', 'private, no-store').json(errorBody('BAD_REQUEST', parsed.message, { header: MIN_DATA_VERSION_HEADER }));
      return;
    }
    res.locals.minDataVersion = parsed.version;
    next();
  };
}
