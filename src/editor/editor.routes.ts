import express, { Router } from 'express';
import { strictPageCsp } from '../http/security-headers';
import { projectPath } from '../ui/project-files';

/**
 * GET /edit: the editor, a static page (./public) that writes through the public GraphQL API and
 * the CSV import with the EDITOR key the user pastes. The key stays in the tab's sessionStorage
 * and travels only in the Authorization header, never in an address, so no log or history holds it.
 */
export function editorRoutes(): Router {
  const dir = projectPath('src', 'editor', 'public');
  const router = Router();
  router.use('/edit', strictPageCsp());
  router.get('/edit', (_req, res) => {
    res.sendFile('index.html', { root: dir, maxAge: 0 });
  });
  router.use('/edit', express.static(dir, { index: false, maxAge: 0 }));
  return router;
}
