import express, { Request, Response, Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import { isCalendarDate } from '../domain/dates';
import { feedPath } from '../feeds/feed-links';
import type { AppServices } from '../graphql/context';
import { parseGlobalId } from '../graphql/global-id';
import { databaseFailure } from '../http/database-failure';
import type { PublicUrl } from '../http/public-url';
import { answeredFromHttpCache } from '../http-cache/cacheable-response';
import { projectPath } from '../ui/project-files';
import { apiReader, ApiReadError } from './api-read';
import { commitmentPageData, PageCommitment } from './commitment-page.query';
import { commitmentPage } from './commitment-page.view';
import { messagePage, notFoundPage } from './layout.view';
import { strictPageCsp } from '../http/security-headers';

/** Where each commitment lives on the web; feeds, calendars, exports and the dashboard link here. */
export const commitmentPath = (globalId: string) => `/commitments/${encodeURIComponent(globalId)}`;

/**
 * GET /commitments/{global id}: one commitment as an HTML page rendered on the server from the
 * public API, so it can be read without JavaScript, printed, archived and cited. Unknown or
 * malformed ids get a 404 page; a bad ?asOf= a 400 page; a busy database a 503 page.
 */
export function pageRoutes(services: AppServices, schema: GraphQLSchema, publicUrl: PublicUrl): Router {
  const api = apiReader(services, schema);
  const router = Router();
  router.use('/pages', strictPageCsp(), express.static(projectPath('src', 'pages', 'public'), { index: false, maxAge: '5m' }));

  router.get('/commitments/:id', strictPageCsp(), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const asOf = typeof req.query.asOf === 'string' && req.query.asOf !== '' ? req.query.asOf : undefined;
    res.type('html');
    if (parseGlobalId(id)?.type !== 'Commitment') {
      res.status(404).send(notFoundPage('There is no commitment at this address. Its id may be mistyped or cut short.'));
      return;
    }
    if (asOf !== undefined && !isCalendarDate(asOf)) {
      res.status(400).send(messagePage('That address is not quite right', `asOf must be a calendar date written YYYY-MM-DD, e.g. 2026-04-15; got “${asOf}”.`));
      return;
    }
    try {
      // The same HTTP caching as the API's GET reads: ETag of the data version and the day, 304, public max-age.
      if (await answeredFromHttpCache(req, res, services, [asOf ?? ''])) return;
      const data = await commitmentPageData(api, id, asOf);
      if (!data.commitment) {
        res.status(404).send(notFoundPage('No commitment has this id. It may have been mistyped.'));
        return;
      }
      res.send(commitmentPage({ ...data, commitment: data.commitment as PageCommitment }, {
        page: publicUrl.href(commitmentPath(id)),
        site: publicUrl.href('/'),
        atom: feedPath('atom', { commitment: [id] }),
        csv: `/export/commitments.csv?commitment=${encodeURIComponent(id)}&asOf=${data.asOf}`,
        csvImport: `/export/commitments.csv?format=import&commitment=${encodeURIComponent(id)}`,
      }));
    } catch (err) {
      const failure = databaseFailure(err instanceof ApiReadError ? err.original : err);
      if (failure) {
        res.status(503).set('retry-after', '5').send(messagePage('Busy', failure.message));
        return;
      }
      if (err instanceof ApiReadError && err.code === 'BAD_USER_INPUT') {
        res.status(400).send(messagePage('That address is not quite right', err.message));
        return;
      }
      services.log.error({ err, path: req.path }, 'commitment page failed');
      res.status(500).send(messagePage('Something went wrong', 'The page could not be produced; try again shortly.'));
    }
  });
  return router;
}
