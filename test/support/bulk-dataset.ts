import type { Queryable } from '../../src/db/queryable';

/**
 * A large world in a few statements, for tests of what big tables cost: `commitments`
 * commitments of two parties, each with two dated follow-ups (both, for a third of them, reported
 * DONE), one cited source and a CREATED event. Titles carry characters spreadsheets care about.
 * Statistics are refreshed (ANALYZE), as autovacuum would have done on a live database.
 */
export async function insertBulkCommitments(db: Queryable, commitments: number): Promise<void> {
  await db.query(`INSERT INTO party (code, name) VALUES ('BA', 'Bulk A'), ('BB', 'Bulk B') ON CONFLICT DO NOTHING`);
  await db.query(`INSERT INTO source (title, outlet, url) VALUES ('Bulk source – a report', 'Outlet', 'https://example.org/bulk')`);
  await db.query(
    `WITH c AS (
       INSERT INTO commitment (title, description)
       SELECT 'Bulk commitment ' || g || ' – with a dash, "quotes" and a comma', 'Generated for a load test'
         FROM generate_series(1, $1::int) g RETURNING id
     ), parties AS (
       INSERT INTO commitment_party (commitment_id, party_id)
       SELECT c.id, p.id FROM c JOIN party p ON p.code = CASE WHEN c.id % 2 = 0 THEN 'BA' ELSE 'BB' END
     ), cited AS (
       INSERT INTO source_citation (commitment_id, source_id, stance)
       SELECT c.id, (SELECT max(id) FROM source), 'CONFIRMS' FROM c
     ), events AS (
       INSERT INTO commitment_event (commitment_id, kind, actor) SELECT c.id, 'CREATED', 'seed' FROM c
     )
     INSERT INTO follow_up (commitment_id, title, due_date)
     SELECT c.id, 'Bulk follow-up ' || n, DATE '2026-01-01' + ((c.id * 7 + n * 40) % 365)::int
       FROM c CROSS JOIN generate_series(1, 2) n`,
    [commitments],
  );
  await db.query(
    `INSERT INTO progress_report (follow_up_id, state, reported_on, recorded_by)
     SELECT f.id, 'DONE', f.due_date - 1, 'seed' FROM follow_up f
      WHERE f.title LIKE 'Bulk follow-up%' AND f.commitment_id % 3 = 0`,
  );
  await db.query('ANALYZE');
}
