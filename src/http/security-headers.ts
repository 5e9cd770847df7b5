import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Headers on every answer (pages, assets, API, exports), by helmet:
 *  - Content-Security-Policy: scripts only from this server's own files, never inline (the
 *    dashboard and playground load theirs from /dashboard and /assets; the playground's settings
 *    travel in a non-executed JSON <script> block); connections (fetch and the WebSocket) only to
 *    this origin; no plugins; no <base> tricks. Styles also allow inline: GraphiQL and its editor
 *    (CodeMirror) set element styles at run time, which no nonce can cover. Images and fonts may be
 *    data: URLs (the blank favicon, GraphiQL's icons).
 *  - frame-ancestors 'none' (and X-Frame-Options: DENY): no page here may be framed, so none can be
 *    clickjacked; nothing here is meant to be embedded.
 *  - X-Content-Type-Options: nosniff on everything, including the plain-text answers that echo
 *    input (export errors), so no browser runs them as HTML or script.
 *  - Referrer-Policy: strict-origin-when-cross-origin: links out carry only the origin.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Cross-origin isolation would stop the calendar and CSV links from being used from other sites' pages.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
  });
}

/**
 * A tighter Content-Security-Policy for the pages of ours that need no inline style (the
 * server-rendered commitment pages, the dashboard, the editor): nothing is allowed by default,
 * scripts and styles only from files on this origin, so even markup that slipped into a page could
 * neither run nor restyle it. Replaces the general policy on those routes; helmet's other headers
 * stay. connect-src 'self' also admits the same origin's ws:// URL (CSP Level 3) the live views use.
 */
const STRICT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function strictPageCsp(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', STRICT_PAGE_CSP);
    next();
  };
}
