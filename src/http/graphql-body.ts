import express, { RequestHandler } from 'express';

/** One GraphQL error as the body of a response that never reached Apollo. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/**
 * The JSON body of a GraphQL POST, at most MAX_BODY_BYTES (larger: 413, see httpErrorHandler).
 * Batching (a JSON array of operations) is off: it would let one request carry any number of
 * operations past the per-request limits, so an array is refused with a message saying what to do.
 */
export function graphqlBody(maxBodyBytes: number): RequestHandler[] {
  const refuseBatches: RequestHandler = (req, res, next) => {
    if (!Array.isArray(req.body)) return next();
    res
      .status(400)
      .json(errorBody('BATCHING_NOT_SUPPORTED', `Batched operations are not supported: send one operation per request (this body is an array of ${req.body.length}).`));
  };
  return [express.json({ limit: maxBodyBytes }), refuseBatches];
}
