import type { RequestHandler } from 'express';

/**
 * The browser-side safety net for every page of ours (server-rendered pages, the dashboard, the
 * editor): scripts and styles only from files on this origin, so even markup that slipped into a
 * page could not run; no framing by any site; no content sniffing; outgoing links carry no referrer.
 * connect-src 'self' also admits the same origin's ws:// URL (CSP Level 3), which the live views use.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function pageSecurityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}
