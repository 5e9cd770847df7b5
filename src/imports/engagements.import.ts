import type { EntityManager } from 'typeorm';
import { LIMITS } from '../graphql/validate';
import { idsByKey } from './import-keys.repository';
import { ImportEnv, ImportKind, planOf } from './import-kind';
import { readExternalIds, RowReader } from './row-reader';

const FIELDS = ['title', 'held_on', 'location'] as const;
type Fields = { title: string; held_on: string | null; location: string | null };

/** engagements.csv: a meeting, visit or call per row, matched on external_id. */
export const engagementsImport: ImportKind = {
  columns: { required: ['external_id', 'title'], optional: ['held_on', 'location'] },

  async plan(m: EntityManager, rows: RowReader[], env: ImportEnv) {
    const keys = readExternalIds(rows);
    const ids = await idsByKey(m, 'engagement', [...keys.values()]);
    const existing = new Map<string, Fields>(
      (await m.query(`SELECT id::text, title, held_on::text, location FROM engagement WHERE id = ANY($1::bigint[])`, [[...ids.values()]])).map(
        (r: Fields & { id: string }) => [r.id, r],
      ),
    );
    const creates: (Fields & { key: string })[] = [];
    const updates: { id: string; changes: Partial<Fields> }[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const key = keys.get(r);
      const read: Partial<Fields> = { title: r.required('title'), held_on: r.date('held_on'), location: r.text('location', LIMITS.shortText) };
      if (key === undefined || read.title === undefined) continue;
      const id = ids.get(key);
      if (id === undefined) {
        creates.push({ key, title: read.title, held_on: read.held_on ?? null, location: read.location ?? null });
        continue;
      }
      const before = existing.get(id)!;
      const changes = Object.fromEntries(FIELDS.filter((f) => read[f] !== undefined && read[f] !== before[f]).map((f) => [f, read[f]])) as Partial<Fields>;
      if (Object.keys(changes).length) updates.push({ id, changes });
      else unchanged++;
    }
    return planOf({ created: creates.length, updated: updates.length, unchanged }, async () => {
      if (creates.length) {
        await m.query(
          `INSERT INTO engagement (external_id, title, held_on, location, created_at)
           SELECT *, $5::timestamptz FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])`,
          [creates.map((c) => c.key), creates.map((c) => c.title), creates.map((c) => c.held_on), creates.map((c) => c.location), env.now],
        );
      }
      for (const u of updates) {
        const sets = Object.keys(u.changes).map((f, i) => `${f} = $${i + 2}`);
        await m.query(`UPDATE engagement SET ${sets.join(', ')} WHERE id = $1`, [u.id, ...Object.values(u.changes)]);
      }
    });
  },
};
