import { Request, Router } from 'express';
import type { AppServices } from '../graphql/context';
import { projectPath } from '../ui/project-files';
import { exampleTabs } from './example-queries';
import { playgroundPage } from './playground.page';

const GRAPHQL_PATH = '/graphql';

/**
 * A browser navigating to /graphql asks for HTML and sends no query: it gets the IDE. Everything else
 * on GET /graphql (a query string, Accept: application/json) is left to Apollo.
 */
function wantsIde(req: Request): boolean {
  return req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** GraphiQL on / and /graphql, with the example queries as its opening tabs. Mounted only when config.playground. */
export function playgroundRoutes({ clock }: AppServices): Router {
  const router = Router();
  const page = () => playgroundPage({ endpoint: GRAPHQL_PATH, tabs: exampleTabs(clock.today()) });
  router.get('/', (_req, res) => {
    res.type('html').send(page());
  });
  router.get(GRAPHQL_PATH, (req, res, next) => {
    res.vary('Accept');
    if (!wantsIde(req)) return next();
    res.type('html').send(page());
  });
  router.get('/assets/playground.js', (_req, res) => {
    res.sendFile(projectPath('src', 'playground', 'public', 'playground.js'), { maxAge: 0 });
  });
  return router;
}

/** With the playground off: / goes to the dashboard, and a browser at /graphql is told why there is no IDE. */
export function playgroundOffRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect('/dashboard'));
  router.get(GRAPHQL_PATH, (req, res, next) => {
    res.vary('Accept');
    if (!wantsIde(req)) return next();
    res.status(404).type('text/plain').send('The GraphQL playground is turned off on this server (PLAYGROUND=false). Send queries with POST /graphql.\n');
  });
  return router;
}
