import express, { Router } from 'express';
import { projectPath } from './project-files';

/** GET /assets/ui/*: the plain scripts our own pages share (src/ui/public), e.g. ui-common.js. */
export function uiAssetRoutes(): Router {
  const router = Router();
  router.use('/assets/ui', express.static(projectPath('src', 'ui', 'public'), { index: false, maxAge: 0 }));
  return router;
}
