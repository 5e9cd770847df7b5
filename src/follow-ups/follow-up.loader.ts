import DataLoader from 'dataloader';
import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import { byKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import { groupedLoader } from '../graphql/grouped-loader';
import type { Verification } from '../domain/verification';
import { completedOnDates, followUpPagesOfCommitments, FollowUpPageRow, FollowUpRow, followUpsByIds, followUpStatuses, followUpVerifications } from './follow-up.repository';

export interface FollowUpsOfCommitmentArgs {
  statuses: Status[] | null;
  asOf: CalendarDate;
  page: PageRequest;
  /** Whether anyone asked for totalCount: counting reads every follow-up of the commitments. */
  withTotal: boolean;
}

export function createFollowUpLoaders(db: Queryable, dueSoonDays: number) {
  return {
    followUpById: new DataLoader<string, FollowUpRow | null>(async (ids) => byKey(ids, await followUpsByIds(db, ids), (f) => f.id)),
    /** Status keyed by follow-up and asOf, for rows that do not carry it (see graphql/derived-fields.ts). */
    followUpStatus: groupedLoader<CalendarDate, Status>(
      (asOf, ids) => followUpStatuses(db, ids, asOf, dueSoonDays),
      () => 'UNDATED',
    ),
    /** FollowUp.verification keyed by follow-up and asOf; null while open. */
    followUpVerification: groupedLoader<CalendarDate, Verification | null>(
      async (asOf, ids) => followUpVerifications(db, ids, asOf),
      () => null,
    ),
    completedOn: new DataLoader<string, CalendarDate | null>(async (ids) => {
      const dates = await completedOnDates(db, ids);
      return ids.map((id) => dates.get(id) ?? null);
    }),
    /** Commitment.followUps: one page per commitment, all commitments of a level in one batch. */
    followUpsByCommitment: groupedLoader<FollowUpsOfCommitmentArgs, { rows: FollowUpPageRow[]; total: number | null }>(
      ({ statuses, asOf, page, withTotal }, ids) => followUpPagesOfCommitments(db, ids, statuses, asOf, dueSoonDays, page, withTotal),
      () => ({ rows: [], total: null }),
    ),
  };
}
