import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS from CORS_ORIGINS: empty answers no cross-origin request (same-origin only), "*" any origin,
 * otherwise exactly the listed origins. No credentials: the API authenticates with a bearer key,
 * never with cookies. Preflights are answered here and never reach the rate limit.
 */
export function corsPolicy(origins: string[]): RequestHandler {
  const origin = origins.includes('*') ? '*' : origins.length ? origins : false;
  return cors({
    origin,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'accept', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'],
    exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy'],
    maxAge: 600,
  });
}
