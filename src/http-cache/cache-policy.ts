import type { Config } from '../config';

/** Response headers of the HTTP caching contract (see the README's "Scaling out"). */
export const DATA_VERSION_HEADER = 'X-Data-Version';
export const MIN_DATA_VERSION_HEADER = 'X-Min-Data-Version';

/** For answers no shared or private cache may keep: keyed requests, writes, errors. */
export const NOT_STORED = 'private, no-store';

/** Cache-Control of an anonymous read any cache may keep: max-age, then stale-while-revalidate (HTTP_CACHE_*). */
export function publicCacheControl(config: Pick<Config, 'httpCacheMaxAgeSeconds' | 'httpCacheStaleWhileRevalidateSeconds'>): string {
  return `public, max-age=${config.httpCacheMaxAgeSeconds}, stale-while-revalidate=${config.httpCacheStaleWhileRevalidateSeconds}`;
}

/**
 * Request headers an answer may depend on, for Vary: the media type negotiated from Accept, the
 * key (a keyed answer may hold more, and is never stored anyway), and the minimum data version (a
 * copy older than the one asked for must not be handed out for it).
 */
export const VARY_ON = ['Accept', 'Authorization', MIN_DATA_VERSION_HEADER];

/**
 * Whether If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2: GET and HEAD compare
 * validators weakly) or is "*".
 */
export function ifNoneMatchNames(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** X-Min-Data-Version as sent: absent is 0; anything but a non-negative integer is refused. */
export function parseMinDataVersion(raw: string | undefined): { ok: true; version: number } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === '') return { ok: true, version: 0 };
  const version = Number(raw.trim());
  if (!/^\d{1,15}$/.test(raw.trim()) || !Number.isSafeInteger(version)) {
    return { ok: false, message: `${MIN_DATA_VERSION_HEADER} must be a data version, a whole number such as a write's ${DATA_VERSION_HEADER}; got "${raw.slice(0, 40)}"` };
  }
  return { ok: true, version };
}
