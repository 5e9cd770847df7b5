import type { EntityManager } from 'typeorm';
import { latestPlannedDate, LIMITS } from '../graphql/validate';
import { idsByKey } from './import-keys.repository';
import { ImportEnv, ImportKind, planOf } from './import-kind';
import { readExternalIds, RowReader } from './row-reader';

const FIELDS = ['title', 'held_on', 'location'] as const;
type Fields = { title: string; held_on: string | null; location: string | null };

/** engagements.csv: a meeting, visit or call per row, matched on external_id. */
export const engagementsImport: ImportKind = {
  columns: { required: ['external_id', 'title'], optional: ['held_on', 'location', 'party_codes'] },

  async plan(m: EntityManager, rows: RowReader[], env: ImportEnv) {
    const keys = readExternalIds(rows);
    const ids = await idsByKey(m, 'engagement', [...keys.values()]);
    const existing = new Map<string, Fields>(
      (await m.query(`SELECT id::text, title, held_on::text, location FROM engagement WHERE id = ANY($1::bigint[])`, [[...ids.values()]])).map(
        (r: Fields & { id: string }) => [r.id, r],
      ),
    );
    const partyIds = new Map<string, string>((await m.query(`SELECT code, id::text FROM party`)).map((p: { code: string; id: string }) => [p.code, p.id]));
    const storedParties = new Map<string, string[]>(
      (await m.query(`SELECT engagement_id::text AS id, array_agg(party_id::text ORDER BY party_id) AS ids FROM engagement_party WHERE engagement_id = ANY($1::bigint[]) GROUP BY 1`, [[...ids.values()]]))
        .map((r: { id: string; ids: string[] }) => [r.id, r.ids]),
    );
    const creates: (Fields & { key: string; parties: string[] })[] = [];
    const updates: { id: string; changes: Partial<Fields>; parties?: string[] }[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const key = keys.get(r);
      const read: Partial<Fields> = { title: r.required('title'), held_on: r.date('held_on', latestPlannedDate(env.today)), location: r.text('location', LIMITS.shortText) };
      const codes = r.list('party_codes', /[;,]/)?.map((c) => c.toUpperCase());
      const unknown = codes?.find((c) => !partyIds.has(c));
      if (unknown) r.problem('party_codes', `unknown party code "${unknown}"; Query.parties lists the known ones`);
      if (key === undefined || read.title === undefined || unknown) continue;
      const wantedParties = codes?.map((c) => partyIds.get(c)!).sort((a, b) => Number(a) - Number(b));
      const id = ids.get(key);
      if (id === undefined) {
        creates.push({ key, title: read.title, held_on: read.held_on ?? null, location: read.location ?? null, parties: wantedParties ?? [] });
        continue;
      }
      const before = existing.get(id)!;
      const changes = Object.fromEntries(FIELDS.filter((f) => read[f] !== undefined && read[f] !== before[f]).map((f) => [f, read[f]])) as Partial<Fields>;
      const partiesChanged = wantedParties && wantedParties.join() !== (storedParties.get(id) ?? []).join() ? wantedParties : undefined;
      if (Object.keys(changes).length || partiesChanged) updates.push({ id, changes, parties: partiesChanged });
      else unchanged++;
    }
    return planOf({ created: creates.length, updated: updates.length, unchanged }, async () => {
      if (creates.length) {
        const rows: { id: string; external_id: string }[] = await m.query(
          `INSERT INTO engagement (external_id, title, held_on, location, created_at)
           SELECT *, $5::timestamptz FROM unnest($1::text[], $2::text[], $3::date[], $4::text[]) RETURNING id::text, external_id`,
          [creates.map((c) => c.key), creates.map((c) => c.title), creates.map((c) => c.held_on), creates.map((c) => c.location), env.now],
        );
        const idOf = new Map(rows.map((r) => [r.external_id, r.id]));
        const pairs = creates.flatMap((c) => c.parties.map((p) => [idOf.get(c.key)!, p]));
        await m.query(`INSERT INTO engagement_party (engagement_id, party_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      }
      for (const u of updates) {
        const sets = Object.keys(u.changes).map((f, i) => `${f} = $${i + 2}`);
        if (sets.length) await m.query(`UPDATE engagement SET ${sets.join(', ')} WHERE id = $1`, [u.id, ...Object.values(u.changes)]);
        if (u.parties) {
          await m.query(`DELETE FROM engagement_party WHERE engagement_id = $1`, [u.id]);
          await m.query(`INSERT INTO engagement_party (engagement_id, party_id) SELECT $1, unnest($2::bigint[])`, [u.id, u.parties]);
        }
      }
    });
  },
};
