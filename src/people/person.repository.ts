import type { Queryable } from '../db/queryable';
import type { PersonEntity } from './person.entity';

/** A person as the API's resolvers take it. */
export type PersonRow = Pick<PersonEntity, 'id' | 'name' | 'title' | 'partyId'>;

const COLUMNS = (p: string) => `${p}.id, ${p}.name, ${p}.title, ${p}.party_id AS "partyId"`;

export function peopleByIds(db: Queryable, ids: readonly string[]): Promise<PersonRow[]> {
  return db.query(`SELECT ${COLUMNS('p')} FROM person p WHERE p.id = ANY($1::bigint[])`, [ids]);
}

/** The participants of many engagements, in one statement, by party then name. */
export function participantsOfEngagements(db: Queryable, engagementIds: readonly string[]): Promise<(PersonRow & { engagementId: string })[]> {
  return db.query(
    `SELECT ep.engagement_id AS "engagementId", ${COLUMNS('p')}
       FROM engagement_participant ep JOIN person p ON p.id = ep.person_id JOIN party pa ON pa.id = p.party_id
      WHERE ep.engagement_id = ANY($1::bigint[])
      ORDER BY pa.code, p.name, p.id`,
    [engagementIds],
  );
}
