import type { EntityManager } from 'typeorm';
import { LIMITS, latestPastDate } from '../graphql/validate';
import { idsByKey } from './import-keys.repository';
import { ImportEnv, ImportKind, planOf } from './import-kind';
import { readExternalIds, RowReader } from './row-reader';

const FIELDS = ['title', 'outlet', 'url', 'published_on', 'kind', 'affiliation_party_id'] as const;
type Fields = { title: string; outlet: string | null; url: string | null; published_on: string | null; kind: string | null; affiliation_party_id: string | null };
const SOURCE_KINDS = ['OFFICIAL', 'STATE_MEDIA', 'INDEPENDENT_MEDIA', 'RESEARCH', 'OTHER'] as const;

/** sources.csv: a source per row, matched on external_id; an existing one gets any changed field. */
export const sourcesImport: ImportKind = {
  columns: { required: ['external_id', 'title'], optional: ['outlet', 'url', 'published_on', 'kind', 'affiliation'] },

  async plan(m: EntityManager, rows: RowReader[], env: ImportEnv) {
    const keys = readExternalIds(rows);
    const ids = await idsByKey(m, 'source', [...keys.values()]);
    const existing = new Map<string, Fields>(
      (await m.query(`SELECT id::text, title, outlet, url, published_on::text, kind, affiliation_party_id::text FROM source WHERE id = ANY($1::bigint[])`, [[...ids.values()]])).map(
        (r: Fields & { id: string }) => [r.id, r],
      ),
    );
    const parties = new Map<string, string>((await m.query(`SELECT code, id::text FROM party`)).map((p: { code: string; id: string }) => [p.code, p.id]));
    const creates: (Fields & { key: string })[] = [];
    const updates: { id: string; changes: Partial<Fields> }[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const key = keys.get(r);
      const read: Partial<Fields> = {
        title: r.required('title'),
        outlet: r.text('outlet', LIMITS.shortText),
        url: r.url('url'),
        published_on: r.date('published_on', latestPastDate(env.today)),
        kind: r.oneOf('kind', SOURCE_KINDS),
      };
      const affiliation = r.text('affiliation', 2);
      if (affiliation) {
        read.affiliation_party_id = parties.get(affiliation.toUpperCase());
        if (read.affiliation_party_id === undefined) r.problem('affiliation', `unknown party code "${affiliation}"; leave it empty for an independent source`);
      } else if (affiliation === null) read.affiliation_party_id = null;
      if (key === undefined || read.title === undefined || read.kind === undefined && r.has('kind') || read.affiliation_party_id === undefined && !!affiliation) continue;
      const id = ids.get(key);
      if (id === undefined) {
        creates.push({ key, title: read.title, outlet: read.outlet ?? null, url: read.url ?? null, published_on: read.published_on ?? null, kind: read.kind ?? null, affiliation_party_id: read.affiliation_party_id ?? null });
        continue;
      }
      const before = existing.get(id)!;
      // A column left out of the file keeps what is stored.
      const changes = Object.fromEntries(FIELDS.filter((f) => read[f] !== undefined && read[f] !== before[f]).map((f) => [f, read[f]])) as Partial<Fields>;
      if (Object.keys(changes).length) updates.push({ id, changes });
      else unchanged++;
    }
    return planOf({ created: creates.length, updated: updates.length, unchanged }, async () => {
      if (creates.length) {
        await m.query(
          `INSERT INTO source (external_id, title, outlet, url, published_on, kind, affiliation_party_id, created_at)
           SELECT *, $8::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::bigint[])`,
          [
            creates.map((c) => c.key), creates.map((c) => c.title), creates.map((c) => c.outlet), creates.map((c) => c.url), creates.map((c) => c.published_on),
            creates.map((c) => c.kind), creates.map((c) => c.affiliation_party_id), env.now,
          ],
        );
      }
      for (const u of updates) {
        const sets = Object.keys(u.changes).map((f, i) => `${f} = $${i + 2}`);
        await m.query(`UPDATE source SET ${sets.join(', ')} WHERE id = $1`, [u.id, ...Object.values(u.changes)]);
      }
    });
  },
};
