import express, { Router } from 'express';
import { strictPageCsp } from '../http/security-headers';
import { projectPath } from '../ui/project-files';

/**
 * GET /dashboard: a static page (HTML, CSS, plain JS in ./public) that reads the GraphQL API like any
 * other client. Nothing is built or rendered on the server, so it works wherever the API works.
 */
export function dashboardRoutes(): Router {
  const dir = projectPath('src', 'dashboard', 'public');
  const router = Router();
  router.use('/dashboard', strictPageCsp());
  router.get('/dashboard', (_req, res) => {
    res.sendFile('index.html', { root: dir, maxAge: 0 });
  });
  router.use('/dashboard', express.static(dir, { index: false, maxAge: 0 }));
  return router;
}
