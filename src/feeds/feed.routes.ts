import { Request, Response, Router } from 'express';
import { answeredFromHttpCache } from '../http-cache/cacheable-response';
import { databaseFailure } from '../http/database-failure';
import type { PublicUrl } from '../http/public-url';
import type { AppServices } from '../graphql/context';
import { feedEntry, tagAuthority } from './feed-entry';
import { atomFeed, FeedMeta, jsonFeed } from './feed-formats';
import { FEED_MEDIA_TYPES, FeedFormat } from './feed-links';
import { BadFeedRequest, feedQueryString, parseFeedQuery, resolveFeedQuery } from './feed-request';
import { latestEventTime, newestFeedEvents } from './feed.repository';

/**
 * GET /feeds/events.atom and GET /feeds/events.json: the newest events for feed readers, narrowed
 * by ?party=, ?engagement=, ?commitment= and ?kind= (repeatable or comma-separated). Readers poll,
 * so the validators are checked before the events are read: an unchanged feed costs one small
 * statement and a 304. A value that names nothing is a 400 with a sentence, never an empty feed
 * that would look like "nothing happened".
 */
export function feedRoutes(services: AppServices, publicUrl: PublicUrl): Router {
  const { db, config, log } = services;
  const authority = tagAuthority(config.publicUrl);
  const router = Router();

  const serve = (format: FeedFormat) => async (req: Request, res: Response) => {
    try {
      const query = parseFeedQuery(req.query as Record<string, unknown>);
      const criteria = await resolveFeedQuery(db, query);
      const canonical = feedQueryString(query);
      const latestOccurredAt = await latestEventTime(db);
      // For readers that send only If-Modified-Since; the ETag (the data version's) decides otherwise.
      if (latestOccurredAt) res.setHeader('Last-Modified', latestOccurredAt.toUTCString());
      if (await answeredFromHttpCache(req, res, services, [canonical, publicUrl.href()])) return;

      const rows = await newestFeedEvents(db, criteria);
      const entries = rows.map((row) => feedEntry(row, { authority, commitmentUrl: (id) => publicUrl.href(`/commitments/${id}`) }));
      const meta: FeedMeta = {
        id: `tag:${authority},2026:feed:events${canonical}`,
        title: `Follow-through tracker: events${canonical ? ` (${decodeURIComponent(canonical.slice(1)).replace(/&/g, '; ')})` : ''}`,
        selfUrl: publicUrl.href(`/feeds/events.${format}${canonical}`),
        homeUrl: publicUrl.href('/dashboard'),
        updated: entries[0]?.updated ?? latestOccurredAt ?? new Date(0),
      };
      res.type(`${FEED_MEDIA_TYPES[format]}; charset=utf-8`).send(format === 'atom' ? atomFeed(meta, entries) : jsonFeed(meta, entries));
    } catch (err) {
      if (err instanceof BadFeedRequest) {
        res.status(400).type('text/plain').send(`${err.message}\n`);
        return;
      }
      const failure = databaseFailure(err);
      if (failure?.code === 'SERVICE_UNAVAILABLE') {
        res.status(503).set('retry-after', '5').type('text/plain').send(`${failure.message}\n`);
        return;
      }
      log.error({ err, path: req.path }, 'feed failed');
      res.status(500).type('text/plain').send('The feed could not be produced; try again shortly.\n');
    }
  };

  router.get('/feeds/events.atom', serve('atom'));
  router.get('/feeds/events.json', serve('json'));
  return router;
}
