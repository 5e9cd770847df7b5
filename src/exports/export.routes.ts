import { Request, Response, Router } from 'express';
import type { AppServices } from '../graphql/context';
import { databaseFailure } from '../http/database-failure';
import { answeredFromHttpCache } from '../http-cache/cacheable-response';
import { CalendarDate, isCalendarDate } from '../domain/dates';
import { parseGlobalId } from '../graphql/global-id';
import { IMPORT_LAYOUT_COLUMNS, importLayoutRows } from '../imports/import-layout.export';
import { stringify } from 'csv-stringify/sync';
import { followUpCalendar } from './calendar.ics';
import { commitmentsCsv } from './commitments.csv';
import { followUpExportRows } from './export.repository';

class BadExportRequest extends Error {}

/** ?asOf=YYYY-MM-DD, defaulting to the server's today. */
function asOfParam(req: Request, today: CalendarDate): CalendarDate {
  const raw = req.query.asOf;
  if (raw === undefined || raw === '') return today;
  if (typeof raw !== 'string' || !isCalendarDate(raw)) {
    throw new BadExportRequest(`asOf must be one calendar date written YYYY-MM-DD, e.g. ${today}; got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** ?commitment={global id}: only that commitment's rows (the link on its page). */
function commitmentParam(req: Request): string | undefined {
  const raw = req.query.commitment;
  if (raw === undefined || raw === '') return undefined;
  const parsed = typeof raw === 'string' ? parseGlobalId(raw) : null;
  if (!parsed || parsed.type !== 'Commitment') throw new BadExportRequest(`commitment must be one Commitment id as the API gives it; got ${JSON.stringify(raw)}`);
  return parsed.id;
}

/**
 * GET /export/commitments.csv and GET /calendar.ics: the follow-ups for spreadsheets and calendar
 * apps. Bad parameters answer 400 with a sentence saying what to send; nothing answers with a stack.
 */
export function exportRoutes(services: AppServices): Router {
  const { db, clock, config, log } = services;
  const router = Router();

  const handle = (produce: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await produce(req, res);
    } catch (err) {
      if (err instanceof BadExportRequest) {
        res.status(400).type('text/plain').send(`${err.message}\n`);
        return;
      }
      const failure = databaseFailure(err);
      if (failure?.code === 'SERVICE_UNAVAILABLE') {
        res.status(503).set('retry-after', '5').type('text/plain').send(`${failure.message}\n`);
        return;
      }
      log.error({ err, path: req.path }, 'export failed');
      res.status(500).type('text/plain').send('The export could not be produced; try again shortly.\n');
    }
  };

  router.get(
    '/export/commitments.csv',
    handle(async (req, res) => {
      const commitmentId = commitmentParam(req);
      if (req.query.format === 'import') {
        if (await answeredFromHttpCache(req, res, services, ['import', commitmentId ?? ''])) return;
        const rows = await importLayoutRows(db, commitmentId);
        res
          .type('text/csv; charset=utf-8; header=present')
          .attachment('commitments-import-layout.csv')
          .send(stringify(rows, { header: true, columns: IMPORT_LAYOUT_COLUMNS, record_delimiter: 'windows', eof: true }));
        return;
      }
      if (req.query.format !== undefined && req.query.format !== '') {
        throw new BadExportRequest(`format must be "import" (the layout POST /import/commitments.csv reads) or left out; got ${JSON.stringify(req.query.format)}`);
      }
      const asOf = asOfParam(req, clock.today());
      if (await answeredFromHttpCache(req, res, services, [asOf, commitmentId ?? ''])) return;
      const rows = await followUpExportRows(db, asOf, config.dueSoonDays, commitmentId);
      res
        .type('text/csv; charset=utf-8; header=present')
        .attachment(`follow-ups-as-of-${asOf}.csv`)
        .send(commitmentsCsv(rows));
    }),
  );

  router.get(
    '/calendar.ics',
    handle(async (req, res) => {
      const asOf = clock.today();
      if (await answeredFromHttpCache(req, res, services)) return;
      const rows = await followUpExportRows(db, asOf, config.dueSoonDays);
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const ics = followUpCalendar(rows, {
        asOf,
        now: clock.now(),
        dashboardUrl: `${origin}/dashboard`,
      });
      // Calendar apps poll this feed; the ETag holds the day, so they get the statuses of the day.
      res.type('text/calendar; charset=utf-8').attachment('follow-ups.ics').send(ics);
    }),
  );

  return router;
}
