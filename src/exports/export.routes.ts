import { Request, Response, Router } from 'express';
import { AppServices, poolFor } from '../graphql/context';
import { callerOf } from '../http/caller';
import { databaseFailure } from '../http/database-failure';
import type { PublicUrl } from '../http/public-url';
import { answeredFromHttpCache } from '../http-cache/cacheable-response';
import { CalendarDate, isCalendarDate } from '../domain/dates';
import { parseGlobalId } from '../graphql/global-id';
import { importLayoutCsv, importLayoutRows } from '../imports/import-layout.export';
import { calendarEvents, calendarHead, calendarTail } from './calendar.ics';
import { followUpsCsvLayout } from './commitments.csv';
import { csvHead, csvRecords } from './csv-writer';
import type { FollowUpExportRow } from './export-row';
import { EXPORT_BATCH, forEachFollowUpExportBatch } from './export.repository';

class BadExportRequest extends Error {}
/** The client went away mid-file: stop reading, nothing to answer. */
class ClientGone extends Error {}

/** Seconds a client refused for lack of an export slot is told to wait. */
const BUSY_RETRY_AFTER_SECONDS = 5;

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

/** ?format=import on the CSV: the layout POST /import/commitments.csv reads, one row per commitment. */
function importLayoutParam(req: Request, format: ExportFormat): boolean {
  const raw = req.query.format;
  if (raw === undefined || raw === '') return false;
  if (raw === 'import' && format.name === 'csv') return true;
  throw new BadExportRequest(
    format.name === 'csv'
      ? `format must be "import" (the layout POST /import/commitments.csv reads) or left out; got ${JSON.stringify(raw)}`
      : `format is not a parameter of this file; got ${JSON.stringify(raw)}`,
  );
}

/** One file format over the export rows: how it starts, how a batch of rows reads, how it ends. */
interface ExportFormat {
  name: string;
  contentType: string;
  fileName(asOf: CalendarDate): string;
  asOf(req: Request, today: CalendarDate): CalendarDate;
  head(asOf: CalendarDate): string;
  batch(rows: readonly FollowUpExportRow[], asOf: CalendarDate): string;
  tail(): string;
}

/**
 * GET /export/commitments.csv and GET /calendar.ics: the follow-ups for spreadsheets and calendar
 * apps, anonymous and public, so built to be cheap to ask for:
 *  - counted against the anonymous rate limit (mounted in front, see http-guards.ts);
 *  - answered 304 when the client's ETag (data version, day, format) still holds: no file is made;
 *  - at most EXPORT_CONCURRENCY produced at once, each holding one connection of the pool its
 *    caller reads through (the anonymous one without a key), so exports never take more than that
 *    share of it; one more gets 503 with Retry-After;
 *  - streamed from a database cursor one batch at a time, waiting for the client to take each
 *    batch, so memory does not grow with the table or with a slow reader.
 * Bad parameters answer 400 with a sentence saying what to send; nothing answers with a stack.
 */
export function exportRoutes(services: AppServices, publicUrl: PublicUrl): Router {
  const { clock, config, log } = services;
  const commitmentUrl = (globalId: string) => publicUrl.href(`/commitments/${globalId}`);
  let running = 0;

  const formats: Record<string, ExportFormat> = {
    '/export/commitments.csv': {
      name: 'csv',
      contentType: 'text/csv; charset=utf-8; header=present',
      fileName: (asOf) => `follow-ups-as-of-${asOf}.csv`,
      asOf: asOfParam,
      head: (asOf) => csvHead(followUpsCsvLayout(asOf, commitmentUrl)),
      batch: (rows, asOf) => csvRecords(followUpsCsvLayout(asOf, commitmentUrl), rows),
      tail: () => '',
    },
    '/calendar.ics': {
      name: 'ics',
      contentType: 'text/calendar; charset=utf-8',
      fileName: () => 'follow-ups.ics',
      // Calendar apps poll this feed; they always get the statuses of the day.
      asOf: (_req, today) => today,
      head: calendarHead,
      batch: (rows, asOf) => calendarEvents(rows, { asOf, now: clock.now(), commitmentUrl }),
      tail: calendarTail,
    },
  };

  const produce = async (format: ExportFormat, req: Request, res: Response) => {
    const db = poolFor(services, callerOf(res));
    const asOf = format.asOf(req, clock.today());
    const commitmentId = commitmentParam(req);
    const importLayout = importLayoutParam(req, format);
    // The validators and Cache-Control of every GET read (src/http-cache): 304 while the data version and the day hold.
    if (await answeredFromHttpCache(req, res, { ...services, db }, [asOf, commitmentId ?? '', importLayout ? 'import' : ''])) return;
    if (running >= config.exportConcurrency) {
      res.status(503).set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS)).type('text/plain')
        .send(`${config.exportConcurrency} exports are being produced already (EXPORT_CONCURRENCY); retry in ${BUSY_RETRY_AFTER_SECONDS} s.\n`);
      return;
    }
    running += 1;
    try {
      if (importLayout) {
        // One row per commitment, read in one statement: commitments are a small table beside their follow-ups.
        const rows = await importLayoutRows(db, commitmentId);
        res.status(200).type(format.contentType).attachment('commitments-import-layout.csv');
        await write(res, csvHead(importLayoutCsv));
        for (let i = 0; i < rows.length; i += EXPORT_BATCH) await write(res, csvRecords(importLayoutCsv, rows.slice(i, i + EXPORT_BATCH)));
        res.end();
        return;
      }
      res.status(200).type(format.contentType).attachment(format.fileName(asOf));
      await write(res, format.head(asOf));
      await forEachFollowUpExportBatch(
        db,
        { asOf, dueSoonDays: config.dueSoonDays, statementTimeoutMs: config.dbStatementTimeoutMs, commitmentId },
        (rows) => write(res, format.batch(rows, asOf)),
      );
      await write(res, format.tail());
      res.end();
    } finally {
      running -= 1;
    }
  };

  const router = Router();
  for (const [path, format] of Object.entries(formats)) {
    router.get(path, async (req, res) => {
      try {
        await produce(format, req, res);
      } catch (err) {
        if (err instanceof ClientGone) return;
        if (res.headersSent) {
          // Part of the file is out: cut the connection, so the client sees a failed download, not a short file.
          log.warn({ err, path: req.path }, 'export failed while streaming');
          res.destroy();
          return;
        }
        if (err instanceof BadExportRequest) {
          res.status(400).type('text/plain').send(`${err.message}\n`);
          return;
        }
        const failure = databaseFailure(err);
        if (failure) {
          res.status(503).set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS)).type('text/plain').send(`${failure.message}\n`);
          return;
        }
        log.error({ err, path: req.path }, 'export failed');
        res.status(500).type('text/plain').send('The export could not be produced; try again shortly.\n');
      }
    });
  }
  return router;
}

/** Writes a chunk and resolves once the socket can take more (backpressure); rejects if the client left. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new ClientGone());
  if (!chunk || res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new ClientGone());
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
