import type { FeedEntry } from './feed-entry';

/** What a whole feed says about itself, whatever its format. */
export interface FeedMeta {
  /** The feed's own id: never changes for the same narrowing. */
  id: string;
  title: string;
  /** This feed's URL, in this format. */
  selfUrl: string;
  /** The page it follows (the dashboard). */
  homeUrl: string;
  /** The newest entry's time, or the log's newest event for an empty feed. */
  updated: Date;
}

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 cannot carry at all, even escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

/** Atom 1.0 (RFC 4287): every entry with id, title, updated, author, an alternate link and a text summary. */
export function atomFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(meta.id)}</id>`,
    `  <title>${xml(meta.title)}</title>`,
    `  <updated>${meta.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(meta.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(meta.homeUrl)}"/>`,
    '  <author><name>Follow-through tracker</name></author>',
    '  <generator>follow-through-tracker</generator>',
  ];
  for (const e of entries) {
    lines.push(
      '  <entry>',
      `    <id>${xml(e.id)}</id>`,
      `    <title type="text">${xml(e.title)}</title>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <published>${e.updated.toISOString()}</published>`,
      `    <author><name>${xml(e.author)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.url)}"/>`,
      `    <category term="${xml(e.kind)}"/>`,
      `    <summary type="text">${xml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    authors: [{ name: 'Follow-through tracker' }],
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_text: e.summary,
      summary: e.summary,
      date_published: e.updated.toISOString(),
      date_modified: e.updated.toISOString(),
      authors: [{ name: e.author }],
      tags: [e.kind],
    })),
  });
}
