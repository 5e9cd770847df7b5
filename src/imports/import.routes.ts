import express, { ErrorRequestHandler, Request, Response, Router } from 'express';
import { requireRole } from '../api-keys/authenticate';
import { AppServices, createContext } from '../graphql/context';
import { ApiError } from '../graphql/errors';
import { callerOf } from '../http/caller';
import { databaseFailure } from '../http/database-failure';
import { ImportProblem } from './import-problem';
import { ImportResult, isImportKind, runImport } from './import.service';

const AUTH_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };
/** What spreadsheets and browsers send a .csv file as; anything else is refused before it is read. */
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'];

function answer(res: Response, status: number, errors: ImportProblem[], dryRun = false): void {
  const body: ImportResult = { dryRun, created: 0, updated: 0, unchanged: 0, errors };
  res.status(status).json(body);
}

/**
 * POST /import/{engagements|sources|commitments|reports}.csv (the contract's "Pages and files"):
 * an EDITOR key, a UTF-8 CSV body of at most IMPORT_MAX_BYTES, ?dryRun=true to only count.
 * 200 with the counts; 422 with every problem by row and column when anything is wrong (nothing
 * written); 413 past the size limit; 401/403 without a suitable key, checked before the body is read.
 */
export function importRoutes(services: AppServices): Router {
  const router = Router();
  const limit = services.config.importMaxBytes;

  const checkRequest = async (req: Request, res: Response, next: () => void) => {
    const kind = /^([a-z]+)\.csv$/.exec(String(req.params.file))?.[1];
    if (!kind || !isImportKind(kind)) {
      answer(res, 404, [{ row: null, column: null, message: 'import engagements.csv, sources.csv, commitments.csv or reports.csv' }]);
      return;
    }
    try {
      res.locals.actor = await requireRole(createContext(services, callerOf(res)), 'EDITOR');
    } catch (e) {
      if (e instanceof ApiError && AUTH_STATUS[e.extensions.code as string]) {
        answer(res, AUTH_STATUS[e.extensions.code as string], [{ row: null, column: null, message: e.message }]);
        return;
      }
      throw e;
    }
    const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (type && !CSV_TYPES.includes(type)) {
      answer(res, 415, [{ row: null, column: null, message: `send the file as text/csv, not ${type}` }]);
      return;
    }
    res.locals.kind = kind;
    next();
  };

  const tooLarge: ErrorRequestHandler = (err, _req, res, next) => {
    if (err?.type !== 'entity.too.large') return next(err);
    answer(res, 413, [{ row: null, column: null, message: `the file is larger than ${limit} bytes (IMPORT_MAX_BYTES); split it into smaller files` }]);
  };

  router.post(
    '/import/:file',
    checkRequest,
    express.raw({ type: () => true, limit }),
    tooLarge,
    async (req: Request, res: Response) => {
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const result = await runImport(services, res.locals.actor, res.locals.kind, file, { dryRun });
        res.status(result.errors.length ? 422 : 200).json(result);
      } catch (err) {
        const failure = databaseFailure(err);
        if (failure) {
          res.set('retry-after', '5');
          answer(res, 503, [{ row: null, column: null, message: failure.message }], dryRun);
          return;
        }
        services.log.error({ err, path: req.path }, 'import failed');
        answer(res, 500, [{ row: null, column: null, message: 'The import failed on the server and wrote nothing; the failure was logged.' }], dryRun);
      }
    },
  );
  return router;
}
