import { InitialModel1767744000000 } from './1767744000000-InitialModel';
import { SchedulerState1767830400000 } from './1767830400000-SchedulerState';
import { FollowUpCommitmentDueClosedIndex1767916800000 } from './1767916800000-FollowUpCommitmentDueClosedIndex';
import { FollowUpClosingFacts1768003200000 } from './1768003200000-FollowUpClosingFacts';
import { DataVersion1768089600000 } from './1768089600000-DataVersion';
import { KindsRolesEvidence1768176000000 } from './1768176000000-KindsRolesEvidence';
import { ReportsDatedAhead1768176100000 } from './1768176100000-ReportsDatedAhead';
import { DueDateChanges1768500000000 } from './1768500000000-DueDateChanges';
import { Webhooks1769200000000 } from './1769200000000-Webhooks';
import { ReportExternalId1769400000000 } from './1769400000000-ReportExternalId';

/** Every migration, in order. Listed explicitly so compiled and ts-run code load the same set. */
export const migrations = [InitialModel1767744000000, SchedulerState1767830400000, FollowUpCommitmentDueClosedIndex1767916800000,
  FollowUpClosingFacts1768003200000, DataVersion1768089600000, KindsRolesEvidence1768176000000,
  ReportsDatedAhead1768176100000, DueDateChanges1768500000000, Webhooks1769200000000, ReportExternalId1769400000000];
