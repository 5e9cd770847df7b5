import type { Request, RequestHandler } from 'express';
import { Router } from 'express';
import { httpRequests, metricsRegistry, notModifiedAnswers, responseCacheLookups } from './metrics';
import { CACHE_STATUS_HEADER } from '../response-cache/response-cache.plugin';

/**
 * The route a request matched, as a pattern ("/graphql", "/export/commitments.csv"), never the
 * raw path: a label per distinct path a client can invent would grow without bound.
 */
function routeOf(req: Request): string {
  // Several handlers see /graphql (the playground's GET route passes non-browsers on to Apollo).
  if (req.originalUrl.split('?')[0] === '/graphql') return '/graphql';
  return req.route && typeof req.route.path === 'string' ? req.route.path : 'other';
}

/** Counts every request when it ends: by route, method and status, and what the caches did. */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const route = routeOf(req);
      httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      if (res.statusCode === 304) notModifiedAnswers.inc({ route });
      const cache = res.getHeader(CACHE_STATUS_HEADER);
      if (typeof cache === 'string') responseCacheLookups.inc({ result: cache.toLowerCase() });
    });
    next();
  };
}

/** GET /metrics in the Prometheus text format. Keep it off the public internet (see the README's nginx example). */
export function metricsRoutes(): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Cache-Control', 'no-store').type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return router;
}
