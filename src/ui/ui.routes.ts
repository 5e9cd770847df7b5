import { Router } from 'express';
import { dashboardRoutes } from '../dashboard/dashboard.routes';
import { editorRoutes } from '../editor/editor.routes';
import { exportRoutes } from '../exports/export.routes';
import type { AppServices } from '../graphql/context';
import type { PublicUrl } from '../http/public-url';
import { playgroundOffRoutes, playgroundRoutes } from '../playground/playground.routes';
import { uiAssetRoutes } from './ui-assets';
import { vendorRoutes } from './vendor-assets';

/**
 * What people open in a browser or a calendar app: the playground (unless configured off), the
 * dashboard, the CSV and iCalendar exports, and the browser bundles they need. Mount before Apollo,
 * so a browser's GET /graphql reaches the playground.
 */
export function uiRoutes(services: AppServices, publicUrl: PublicUrl): Router {
  const router = Router();
  router.use(vendorRoutes());
  router.use(uiAssetRoutes());
  router.use(services.config.playground ? playgroundRoutes(services) : playgroundOffRoutes());
  router.use(dashboardRoutes());
  router.use(editorRoutes());
  router.use(exportRoutes(services, publicUrl));
  return router;
}
