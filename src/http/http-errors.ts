import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { errorBody } from './graphql-body';
import { requestLogger } from './request-log';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
  length?: number;
  expose?: boolean;
  /** zlib's, when a Content-Encoding body does not decompress (Z_DATA_ERROR, Z_BUF_ERROR, …). */
  code?: string;
}

/**
 * The last handler: errors raised outside GraphQL (mostly the body parser) answered as JSON in the
 * GraphQL error shape, never as Express's HTML page with a stack trace.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: HttpError, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? err.statusCode ?? 500;
    switch (err.type) {
      case 'entity.too.large':
        res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', `The request body is larger than the ${err.limit} bytes accepted (MAX_BODY_BYTES).`, { limit: err.limit }));
        return;
      case 'entity.parse.failed':
        res.status(400).json(errorBody('BAD_REQUEST', 'The request body is not valid JSON (or not a JSON object).'));
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        res.status(415).json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON, uncompressed or gzip/deflate/br.'));
        return;
    }
    if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
      // zlib's own words ("incorrect header check") describe its internals, not what to send instead.
      res.status(400).json(errorBody('BAD_REQUEST', 'The server could not decompress the body: send valid gzip, deflate or br, or no Content-Encoding.'));
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json(errorBody('BAD_REQUEST', err.expose && err instanceof Error ? err.message : 'The request could not be read.'));
      return;
    }
    requestLogger(res, log).error({ err }, 'unexpected error outside GraphQL');
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error: the failure was logged. Please retry later.'));
  };
}
