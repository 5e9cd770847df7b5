import type { DataSource } from 'typeorm';
import type { PageRequest } from '../graphql/connection';
import { SourceStance } from './source-citation.entity';
import type { SourceEntity } from './source.entity';

/** A source as the API's resolvers take it. */
export type SourceRow = Omit<SourceEntity, 'createdAt'>;

const SOURCE_COLUMNS = `id, title, outlet, url, published_on AS "publishedOn", kind`;

/** Plain SQL rather than TypeORM's find: hydrating entities cost more than the query on nested pages. */
export function sourcesByIds(db: DataSource, ids: readonly string[]): Promise<SourceRow[]> {
  return db.query(`SELECT ${SOURCE_COLUMNS} FROM source WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Sources in id order (the order they were recorded), one keyset page. */
export async function pageOfSources(db: DataSource, page: PageRequest): Promise<{ rows: SourceRow[]; total: number }> {
  const after = page.after?.[0] ?? '0';
  const [rows, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${SOURCE_COLUMNS} FROM source WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, page.limit + 1],
    ),
    db.query(`SELECT count(*)::int AS total FROM source`),
  ]);
  return { rows, total };
}

export interface CitationRow {
  commitmentId: string;
  sourceId: string;
  stance: SourceStance;
  note: string | null;
}

/** Citations of many commitments in one statement, confirming sources first. */
export function citationsOfCommitments(db: DataSource, commitmentIds: readonly string[]): Promise<CitationRow[]> {
  return db.query(
    `SELECT c.commitment_id AS "commitmentId", c.source_id AS "sourceId", c.stance, c.note
       FROM source_citation c
      WHERE c.commitment_id = ANY($1::bigint[])
      ORDER BY array_position(ARRAY['CONFIRMS','CONTRADICTS','OMITS'], c.stance), c.source_id`,
    [commitmentIds],
  );
}
