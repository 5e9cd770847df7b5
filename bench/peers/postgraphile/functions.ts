import pg from 'pg';
import { closingStateAsOfSql, commitmentStatusSql, followThroughJsonSql, followUpStatusSql, nextDueSql, overdueSql } from '../peer.sql';

/**
 * What a PostGraphile user would add to answer questions about derived status: SQL functions,
 * which PostGraphile exposes as root fields (setof functions become connections) and, with a
 * table row as first argument, as computed fields (Commitment.status(asOf), FollowUp.status(asOf)).
 * They live in their own schema, created in the bench database only; the SQL is the floor's.
 */
export function postgraphileFunctionsSql(): string {
  return `
    CREATE SCHEMA IF NOT EXISTS bench_api;

    CREATE OR REPLACE FUNCTION bench_api.overdue_commitments(as_of date) RETURNS SETOF public.commitment
      LANGUAGE sql STABLE AS $$
        SELECT c.* FROM (${overdueSql('as_of')}) o JOIN public.commitment c ON c.id = o.id ORDER BY o.next_due, o.id
      $$;

    CREATE OR REPLACE FUNCTION bench_api.follow_through(as_of date, party_code text) RETURNS json
      LANGUAGE sql STABLE AS $$ ${followThroughJsonSql('as_of', 'party_code')} $$;

    CREATE OR REPLACE FUNCTION bench_api.commitment_status(c public.commitment, as_of date) RETURNS text
      LANGUAGE sql STABLE AS $$ SELECT ${commitmentStatusSql('c', 'as_of')} $$;

    CREATE OR REPLACE FUNCTION bench_api.commitment_next_due_date(c public.commitment, as_of date) RETURNS date
      LANGUAGE sql STABLE AS $$ SELECT ${nextDueSql('c', 'as_of')} $$;

    -- Outside the exposed schemas: a helper, not a field.
    CREATE SCHEMA IF NOT EXISTS bench_internal;
    CREATE OR REPLACE FUNCTION bench_internal.closing_state_as_of(follow_up_id bigint, as_of date) RETURNS text
      LANGUAGE sql STABLE AS $$ SELECT ${closingStateAsOfSql('follow_up_id', 'as_of')} $$;

    -- No subquery of its own (the rare report lookup is the helper's), so Postgres inlines this
    -- CASE into PostGraphile's statement instead of calling a function for every follow-up.
    CREATE OR REPLACE FUNCTION bench_api.follow_up_status(f public.follow_up, as_of date) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT ${followUpStatusSql('f', 'as_of', (id, asOf) => `bench_internal.closing_state_as_of(${id}, ${asOf})`)}
      $$;`;
}

export async function installPostgraphileFunctions(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(postgraphileFunctionsSql());
  } finally {
    await client.end();
  }
}
