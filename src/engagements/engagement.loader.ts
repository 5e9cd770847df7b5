import DataLoader from 'dataloader';
import { byKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import { EngagementRow, engagementsByIds } from './engagement.repository';

export function createEngagementLoaders(db: Queryable) {
  return {
    engagementById: new DataLoader<string, EngagementRow | null>(async (ids) => byKey(ids, await engagementsByIds(db, ids), (e) => e.id)),
  };
}
