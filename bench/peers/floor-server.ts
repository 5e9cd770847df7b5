import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { followThroughJsonSql, overduePageJsonSql } from './peer.sql';

/**
 * The practical floor: a bare node:http server answering each benchmark question with one
 * hand-written SQL statement whose JSON Postgres builds itself; Node passes the text through.
 * No GraphQL, no validation layer, no loaders. Anything a real API does costs more than this.
 *
 *   GET  /overdue?asOf=2026-06-01&first=50[&after=2026-01-03,123]   (cursor: last item's nextDueDate,id)
 *   GET  /follow-through?asOf=2026-06-01&party=PK
 *   POST /reports  {"followUpId": "1", "state": "IN_PROGRESS", "reportedOn": "2026-06-01"}
 *
 * Env: DATABASE_URL, PORT, POOL_SIZE (default 10, as for the other servers).
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Text as Postgres sends it: JSON goes out byte for byte, never parsed and re-serialized.
const asText = (v: string) => v;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  application_name: 'bench-floor',
  types: { getTypeParser: () => asText } as unknown as pg.CustomTypesConfig,
});

const overdueFirst = overduePageJsonSql('$1::date', '$2::int', null);
const overdueAfter = overduePageJsonSql('$1::date', '$2::int', ['$3::date', '$4::bigint']);
const followThrough = followThroughJsonSql('$1::date', '$2::text');

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://floor');
  const q = url.searchParams;
  const asOf = q.get('asOf') ?? '';
  if (req.method === 'GET' && url.pathname === '/overdue' && DATE.test(asOf)) {
    const first = Math.min(100, Math.max(1, Number(q.get('first') ?? 20) | 0));
    const after = /^(\d{4}-\d{2}-\d{2}),(\d+)$/.exec(q.get('after') ?? '');
    const { rows } = after
      ? await pool.query(overdueAfter, [asOf, first, after[1], after[2]])
      : await pool.query(overdueFirst, [asOf, first]);
    return send(res, 200, `{"commitments":${rows[0].page}}`);
  }
  if (req.method === 'GET' && url.pathname === '/follow-through' && DATE.test(asOf) && /^[A-Z]{2}$/.test(q.get('party') ?? '')) {
    const { rows } = await pool.query(followThrough, [asOf, q.get('party')]);
    return send(res, 200, rows[0].result);
  }
  if (req.method === 'POST' && url.pathname === '/reports') {
    const b = await readBody(req);
    const { rows } = await pool.query(
      `INSERT INTO progress_report (follow_up_id, state, reported_on, recorded_by) VALUES ($1, $2, $3, 'bench-floor') RETURNING id`,
      [b.followUpId, b.state, b.reportedOn],
    );
    return send(res, 200, JSON.stringify({ id: rows[0].id }));
  }
  if (url.pathname === '/healthz') return send(res, 200, '{"ok":true}');
  send(res, 404, '{"error":"not found"}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: Error) => send(res, 500, JSON.stringify({ error: err.message })));
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => {
  console.log(`floor server on http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
