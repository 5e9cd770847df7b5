import type { DataSource } from 'typeorm';
import type { PageRequest } from '../graphql/connection';
import { bindKnownRelations } from '../known-at/known-at.sql';
import { SourceStance } from './source-citation.entity';
import type { SourceEntity } from './source.entity';

/** A source as the API's resolvers take it. */
export type SourceRow = Omit<SourceEntity, 'createdAt'>;

export const sourceColumns = (s: string) => `${s}.id, ${s}.title, ${s}.outlet, ${s}.url, ${s}.published_on AS "publishedOn", ${s}.kind,
  ${s}.affiliation_party_id AS "affiliationPartyId", ${s}.external_id AS "externalId"`;

/** Plain SQL rather than TypeORM's find: hydrating entities cost more than the query on nested pages. */
export function sourcesByIds(db: DataSource, ids: readonly string[]): Promise<SourceRow[]> {
  return db.query(`SELECT ${sourceColumns('s')} FROM source s WHERE s.id = ANY($1::bigint[])`, [ids]);
}

/** Sources in id order (the order they were recorded), one keyset page. */
export async function pageOfSources(db: DataSource, page: PageRequest): Promise<{ rows: SourceRow[]; total: number }> {
  const after = page.after?.[0] ?? '0';
  const [rows, [{ total }]] = await Promise.all([
    db.query(
      `SELECT ${sourceColumns('s')} FROM source s WHERE s.id > $1 ORDER BY s.id LIMIT $2`,
      [after, page.limit + 1],
    ),
    db.query(`SELECT count(*)::int AS total FROM source`),
  ]);
  return { rows, total };
}

export interface CitationRow {
  commitmentId: string;
  stance: SourceStance;
  note: string | null;
  source: SourceRow;
}

/**
 * Citations of many commitments with their sources, in one statement, confirming sources first.
 * A list of commitments almost always shows its sources with the citations, and a second
 * statement for them cost more than the join (an index probe of source per citation). With
 * knownAt, the citations recorded by then.
 */
export async function citationsOfCommitments(db: DataSource, commitmentIds: readonly string[], knownAt: string | null = null): Promise<CitationRow[]> {
  const params: unknown[] = [commitmentIds];
  const known = bindKnownRelations(params, knownAt);
  const rows: (SourceRow & Omit<CitationRow, 'source'>)[] = await db.query(
    `SELECT c.commitment_id AS "commitmentId", c.stance, c.note, ${sourceColumns('s')}
       FROM ${known.citation} c JOIN source s ON s.id = c.source_id
      WHERE c.commitment_id = ANY($1::bigint[])
      ORDER BY array_position(ARRAY['CONFIRMS','CONTRADICTS','OMITS'], c.stance), c.source_id`,
    params,
  );
  return rows.map(({ commitmentId, stance, note, ...source }) => ({ commitmentId, stance, note, source }));
}

export interface EngagementCitationRow {
  engagementId: string;
  stance: SourceStance;
  note: string | null;
  source: SourceRow;
}

/** The sources of many engagements, in one statement, confirming ones first (as citationsOfCommitments). */
export async function citationsOfEngagements(db: DataSource, engagementIds: readonly string[]): Promise<EngagementCitationRow[]> {
  const rows: (SourceRow & Omit<EngagementCitationRow, 'source'>)[] = await db.query(
    `SELECT c.engagement_id AS "engagementId", c.stance, c.note, ${sourceColumns('s')}
       FROM engagement_source c JOIN source s ON s.id = c.source_id
      WHERE c.engagement_id = ANY($1::bigint[])
      ORDER BY array_position(ARRAY['CONFIRMS','CONTRADICTS','OMITS'], c.stance), c.source_id`,
    [engagementIds],
  );
  return rows.map(({ engagementId, stance, note, ...source }) => ({ engagementId, stance, note, source }));
}
