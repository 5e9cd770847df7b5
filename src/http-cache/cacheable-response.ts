import type { Request, Response } from 'express';
import type { AppServices } from '../graphql/context';
import { answeredNotModified, entityTag } from '../http/conditional-get';
import { currentDataVersion } from '../response-cache/data-version.repository';
import { DATA_VERSION_HEADER, NOT_STORED, publicCacheControl, VARY_ON } from './cache-policy';

/**
 * The HTTP caching of GraphQL reads, for routes that answer GETs from the data themselves
 * (exports, feeds, pages). Call it before reading anything; when it returns true it has answered
 * 304 and the route sends nothing more. It sets X-Data-Version (of `db`, the database the route
 * reads), Vary, and either `Cache-Control: public, max-age…` with an ETag of the data version, the
 * day, the path and `parts` (the request's own parameters that change the answer, e.g. asOf or a
 * format), or `private, no-store` for a request with a key. Should the route then fail (a 4xx or
 * 5xx status), the answer goes out `private, no-store` without the ETag, so no cache keeps it.
 *
 *   if (await answeredFromHttpCache(req, res, services, [asOf])) return;
 */
export async function answeredFromHttpCache(
  req: Request,
  res: Response,
  { db, config, clock }: Pick<AppServices, 'db' | 'config' | 'clock'>,
  parts: ReadonlyArray<string | number> = [],
): Promise<boolean> {
  const version = await currentDataVersion(db);
  res.setHeader(DATA_VERSION_HEADER, String(version));
  for (const header of VARY_ON) res.vary(header);
  if (req.get('authorization')) {
    res.setHeader('Cache-Control', NOT_STORED);
    return false;
  }
  res.setHeader('Cache-Control', publicCacheControl(config));
  neverStoreFailures(res);
  return answeredNotModified(req, res, { etag: entityTag([version, clock.today(), req.path, ...parts]) });
}

/** Turns the caching headers into `private, no-store` if the response goes out with an error status. */
function neverStoreFailures(res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, statusCode: number, ...rest: unknown[]) {
    if (statusCode >= 400) {
      this.setHeader('Cache-Control', NOT_STORED);
      this.removeHeader('ETag');
    }
    return (writeHead as (...args: unknown[]) => Response).call(this, statusCode, ...rest);
  } as Response['writeHead'];
}
