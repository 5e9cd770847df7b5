import type { Queryable } from '../db/queryable';
import { notFound } from '../graphql/errors';
import { expectGlobalId } from '../graphql/global-id';
import { dateRange, distinct, partyIdsForCodes } from '../graphql/list-filters';
import type { FollowUpFilterInput } from './follow-up-filter.input';
import type { FollowUpCriteria } from './follow-up.repository';

/** Checks a FollowUpFilter the way commitmentCriteria checks a CommitmentFilter (same error rules). */
export async function followUpCriteria(db: Queryable, filter: FollowUpFilterInput | null | undefined, path = 'filter.'): Promise<FollowUpCriteria> {
  const f = filter ?? {};
  const commitmentId = f.commitmentId == null ? null : expectGlobalId(f.commitmentId, 'Commitment', `${path}commitmentId`);
  const { from, to } = dateRange(f.dueAfter, f.dueBefore, path);
  const engagementId = f.engagementId == null ? null : expectGlobalId(f.engagementId, 'Engagement', `${path}engagementId`);
  const partyIds = await partyIdsForCodes(db, f.partyCodes, `${path}partyCodes`);
  if (commitmentId) {
    const found = await db.query(`SELECT 1 FROM commitment WHERE id = $1`, [commitmentId]);
    if (!found.length) throw notFound('Commitment', f.commitmentId!, `${path}commitmentId`);
  }
  if (engagementId) {
    const found = await db.query(`SELECT 1 FROM engagement WHERE id = $1`, [engagementId]);
    if (!found.length) throw notFound('Engagement', f.engagementId!, `${path}engagementId`);
  }
  return { statuses: distinct(f.status), partyIds, commitmentId, engagementId, kinds: distinct(f.kinds), dueFrom: from, dueTo: to };
}
