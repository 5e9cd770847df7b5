import DataLoader from 'dataloader';
import type { CalendarDate } from '../domain/dates';
import type { Status } from '../domain/status';
import { byKey } from '../db/batch';
import type { Queryable } from '../db/queryable';
import type { PageRequest } from '../graphql/connection';
import { groupedLoader } from '../graphql/grouped-loader';
import type { Verification } from '../domain/verification';
import {
  completedOnDates, followUpPagesOfCommitments, FollowUpPageRow, FollowUpRow, followUpsByIds, followUpStatuses, followUpVerifications, originalDueDates,
} from './follow-up.repository';

export interface FollowUpsOfCommitmentArgs {
  statuses: Status[] | null;
  asOf: CalendarDate;
  /** An ISO instant; null: now. */
  knownAt: string | null;
  page: PageRequest;
  /** Whether anyone asked for totalCount: counting reads every follow-up of the commitments. */
  withTotal: boolean;
}

/** The date and the instant a derived value is asked for (knownAt null: now). */
export interface AsOfKnownAt {
  asOf: CalendarDate;
  knownAt: string | null;
}

export function createFollowUpLoaders(db: Queryable, dueSoonDays: number) {
  return {
    followUpById: new DataLoader<string, FollowUpRow | null>(async (ids) => byKey(ids, await followUpsByIds(db, ids), (f) => f.id)),
    /** Follow-ups as known at an instant (null when recorded later), for rows reached under a knownAt. */
    followUpKnownAt: groupedLoader<string, FollowUpRow | null>(
      async (knownAt, ids) => new Map((await followUpsByIds(db, ids, knownAt)).map((f) => [f.id, f])),
      () => null,
    ),
    /** Status keyed by follow-up, asOf and knownAt, for rows that do not carry it (see graphql/derived-fields.ts). */
    followUpStatus: groupedLoader<AsOfKnownAt, Status>(
      ({ asOf, knownAt }, ids) => followUpStatuses(db, ids, asOf, dueSoonDays, knownAt),
      () => 'UNDATED',
    ),
    /** FollowUp.verification keyed by follow-up, asOf and knownAt; null while open. */
    followUpVerification: groupedLoader<AsOfKnownAt, Verification | null>(
      async ({ asOf, knownAt }, ids) => followUpVerifications(db, ids, asOf, knownAt),
      () => null,
    ),
    completedOn: groupedLoader<string | null, CalendarDate | null>((knownAt, ids) => completedOnDates(db, ids, knownAt), () => null),
    originalDueDate: new DataLoader<string, CalendarDate | null>(async (ids) => {
      const dates = await originalDueDates(db, ids);
      return ids.map((id) => dates.get(id) ?? null);
    }),
    /** Commitment.followUps: one page per commitment, all commitments of a level in one batch. */
    followUpsByCommitment: groupedLoader<FollowUpsOfCommitmentArgs, { rows: FollowUpPageRow[]; total: number | null }>(
      ({ statuses, asOf, knownAt, page, withTotal }, ids) => followUpPagesOfCommitments(db, ids, statuses, asOf, dueSoonDays, page, withTotal, knownAt),
      () => ({ rows: [], total: null }),
    ),
  };
}
