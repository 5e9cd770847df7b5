import type { Queryable } from '../db/queryable';
import type { CsvLayout } from '../exports/csv-writer';
import { commitmentsImport } from './commitments.import';
import { exportKey } from './import-keys.repository';

/** Columns of GET /export/commitments.csv?format=import: exactly the commitments import's, required ones first. */
export const IMPORT_LAYOUT_COLUMNS = [...commitmentsImport.columns.required, ...commitmentsImport.columns.optional];

/** Written through the CSV writer every export uses, so its cells are neutralised like the others' (the import strips the quote again). */
export const importLayoutCsv: CsvLayout<string[]> = { columns: IMPORT_LAYOUT_COLUMNS, cells: (row) => row };

interface LayoutRow {
  id: string;
  externalId: string | null;
  title: string;
  description: string | null;
  kind: string;
  parties: { code: string; role: string }[];
  engagementId: string | null;
  engagementExternalId: string | null;
  recurrence: string | null;
  startsOn: string | null;
  followUps: number;
  firstDueDate: string | null;
  sources: { id: string; externalId: string | null }[];
}

/**
 * Every commitment (or one) as a row of the commitments import: what was stored, not what is
 * derived, so importing the file back finds every row unchanged. Rows without an external_id carry
 * their API id as key (see import-keys.repository). A commitment with several hand-added
 * follow-ups carries its first follow-up's due date, as the import compares it.
 */
export async function importLayoutRows(db: Queryable, commitmentId?: string): Promise<string[][]> {
  const params: unknown[] = [];
  const only = commitmentId === undefined ? '' : `WHERE c.id = $${params.push(commitmentId)}`;
  const rows: LayoutRow[] = await db.query(
    `SELECT c.id::text, c.external_id AS "externalId", c.title, c.description, c.recurrence, c.starts_on::text AS "startsOn",
            c.engagement_id::text AS "engagementId", e.external_id AS "engagementExternalId",
            c.kind,
            coalesce((SELECT json_agg(json_build_object('code', p.code, 'role', cp.role) ORDER BY p.code)
                        FROM commitment_party cp JOIN party p ON p.id = cp.party_id WHERE cp.commitment_id = c.id), '[]'::json) AS parties,
            (SELECT count(*)::int FROM follow_up f WHERE f.commitment_id = c.id) AS "followUps",
            (SELECT f.due_date::text FROM follow_up f WHERE f.commitment_id = c.id ORDER BY f.id LIMIT 1) AS "firstDueDate",
            coalesce((SELECT json_agg(json_build_object('id', s.id::text, 'externalId', s.external_id) ORDER BY s.id)
                        FROM source_citation sc JOIN source s ON s.id = sc.source_id
                       WHERE sc.commitment_id = c.id AND sc.stance = 'CONFIRMS'), '[]'::json) AS sources
       FROM commitment c LEFT JOIN engagement e ON e.id = c.engagement_id
       ${only}
      ORDER BY c.id`,
    params,
  );
  const codes = (r: LayoutRow, role: string) => r.parties.filter((p) => p.role === role).map((p) => p.code).join('; ');
  return rows.map((r) => [
    exportKey('commitment', r.id, r.externalId),
    r.title,
    codes(r, 'OBLIGOR'),
    r.kind,
    codes(r, 'BENEFICIARY'),
    codes(r, 'HOST'),
    r.description ?? '',
    r.engagementId ? exportKey('engagement', r.engagementId, r.engagementExternalId) : '',
    r.recurrence ? '' : (r.firstDueDate ?? ''),
    r.recurrence ?? '',
    r.startsOn ?? '',
    r.sources.map((s) => exportKey('source', s.id, s.externalId)).join('; '),
  ]);
}
