import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** A caller's own id is kept if it looks like an id (so it can be followed across services). */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Gives every request an id, echoed as X-Request-Id, and logs one line when it ends: method, path
 * (no query string, no headers, no body, so neither keys nor variables reach the logs), status and
 * duration. Health probes log at debug, or they drown everything else. Handlers log through
 * `requestLogger(res)`, whose lines carry the same reqId.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const reqId = incoming && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const child = log.child({ reqId });
    res.locals.log = child;
    const started = process.hrtime.bigint();
    const line = () => ({
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ip: req.ip,
    });
    res.on('close', () => {
      if (!res.writableFinished) child.warn(line(), 'request aborted by the client');
      else if (QUIET_PATHS.has(req.path)) child.debug(line(), 'request');
      else child.info(line(), 'request');
    });
    next();
  };
}

/** The request's logger (with its reqId), or `fallback` outside a request. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.log as Logger | undefined) ?? fallback;
}
