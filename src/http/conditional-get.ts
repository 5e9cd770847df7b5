import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A weak entity tag from what decides an answer (the data version, the day, the request's own
 * parameters): equal parts give an equal tag on every server, so caches in front of several
 * servers agree. Weak, because a byte-different rendering of the same data is still "the same".
 */
export function entityTag(parts: ReadonlyArray<string | number>): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 27);
  return `W/"${digest}"`;
}

/**
 * Sets the validators and, when the client's If-None-Match / If-Modified-Since already match them,
 * answers 304 with no body and returns true (the caller then sends nothing). Express's `req.fresh`
 * does the comparison as RFC 9110 says: If-None-Match wins over If-Modified-Since.
 */
export function answeredNotModified(req: Request, res: Response, validators: { etag: string; lastModified?: Date }): boolean {
  res.setHeader('ETag', validators.etag);
  if (validators.lastModified) res.setHeader('Last-Modified', validators.lastModified.toUTCString());
  if (!req.fresh) return false;
  res.status(304).end();
  return true;
}
