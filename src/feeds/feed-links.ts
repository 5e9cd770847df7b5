/**
 * Where a feed lives, for pages that advertise one with <link rel="alternate"> (the dashboard, each
 * commitment page). Paths only: put them behind PublicUrl.href() for an absolute link.
 *
 *   feedPath('atom')                              → /feeds/events.atom
 *   feedPath('json', { commitment: [globalId] })  → /feeds/events.json?commitment=<globalId>
 */
export type FeedFormat = 'atom' | 'json';

export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = { atom: 'application/atom+xml', json: 'application/feed+json' };

export function feedPath(format: FeedFormat, narrow: { party?: string[]; engagement?: string[]; commitment?: string[]; kind?: string[] } = {}): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(narrow)) if (values?.length) params.set(name, values.join(','));
  const query = params.toString().replace(/%2C/g, ',');
  return `/feeds/events.${format}${query ? `?${query}` : ''}`;
}
