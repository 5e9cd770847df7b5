import DataLoader from 'dataloader';
import { byKey, groupedByKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import { participantsOfEngagements, peopleByIds, PersonRow } from './person.repository';

export function createPersonLoaders(db: Queryable) {
  return {
    personById: new DataLoader<string, PersonRow | null>(async (ids) => byKey(ids, await peopleByIds(db, ids), (p) => p.id)),
    participantsByEngagement: new DataLoader<string, PersonRow[]>(async (ids) =>
      groupedByKey(ids, await participantsOfEngagements(db, ids), (p) => p.engagementId),
    ),
  };
}
