import { Router } from 'express';
import { dirname, join } from 'node:path';

/**
 * Browser bundles served straight from installed packages, so the playground and the dashboard
 * work on a machine with no internet: no page of ours loads anything from a CDN.
 * React 18 is the last React that ships UMD builds; GraphiQL 4 is the last GraphiQL that does.
 */
const BUNDLES: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphql-ws.js': { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'text/javascript' },
  // The editor previews a recurrence's dates with the same library the server expands it with.
  'rrule.js': { pkg: 'rrule', file: 'dist/es5/rrule.min.js', type: 'text/javascript' },
};

export const VENDOR_PATH = '/assets/vendor';

function packageFile(pkg: string, file: string): string {
  // package.json is exported by all of these, while their UMD files are not in "exports".
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** GET /assets/vendor/<name>, for the names in BUNDLES only. */
export function vendorRoutes(): Router {
  const files = new Map(Object.entries(BUNDLES).map(([name, b]) => [name, { path: packageFile(b.pkg, b.file), type: b.type }]));
  const router = Router();
  router.get(`${VENDOR_PATH}/:name`, (req, res, next) => {
    const asset = files.get(req.params.name);
    if (!asset) return next();
    res.type(asset.type);
    // The file changes only when the package is upgraded, i.e. with a restart.
    res.sendFile(asset.path, { maxAge: '1h' });
  });
  return router;
}
