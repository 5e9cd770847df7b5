import type { CalendarDate } from './dates';
import type { FollowUpFacts, ReportedState, ReportFact } from './status';
import type { EvidenceFact } from './verification';

/**
 * What was known at an instant, as a pure replay of what was recorded: the twin of the knownAt
 * SQL (src/known-at/known-at.sql.ts), which test/known-at/known-at-replay.test.ts proves it
 * agrees with. The answers at an instant are the status rules (status.ts) applied to the facts
 * this replay returns for it.
 *
 * Instants are milliseconds since the epoch. Every fact carries the instant it was recorded;
 * a fact counts at K when it was recorded at or before K.
 */
export type RecordedFact =
  | { kind: 'COMMITMENT_RECORDED'; at: number; commitmentId: string }
  | { kind: 'FOLLOW_UP_RECORDED'; at: number; commitmentId: string; followUpId: string; dueDate: CalendarDate | null }
  | { kind: 'DUE_DATE_MOVED'; at: number; followUpId: string; dueDate: CalendarDate | null }
  | {
      kind: 'REPORT_RECORDED';
      at: number;
      followUpId: string;
      /** Recording order (the report's id). */
      sequence: number;
      state: ReportedState;
      reportedOn: CalendarDate;
      /** The report (by sequence) this one corrects, if any. */
      corrects: number | null;
    }
  | { kind: 'EVIDENCE_RECORDED'; at: number; reportSequence: number; evidence: EvidenceFact };

export interface KnownFollowUp extends FollowUpFacts {
  id: string;
  commitmentId: string;
  /** The due date as first recorded. */
  originalDueDate: CalendarDate | null;
}

export interface KnownWorld {
  /** Commitment ids recorded by K, each with its follow-ups recorded by K. */
  commitments: Map<string, KnownFollowUp[]>;
  followUps: Map<string, KnownFollowUp>;
  /** The evidence recorded by K, by report (sequence), oldest first. */
  evidence: Map<number, EvidenceFact[]>;
}

/** Replays `log` (in any order) up to and including instant `knownAt`. */
export function replayKnownAt(log: readonly RecordedFact[], knownAt: number): KnownWorld {
  const world: KnownWorld = { commitments: new Map(), followUps: new Map(), evidence: new Map() };
  const reports = new Map<number, ReportFact>();
  const ordered = log.filter((fact) => fact.at <= knownAt).sort((a, b) => a.at - b.at);
  for (const fact of ordered) {
    switch (fact.kind) {
      case 'COMMITMENT_RECORDED':
        world.commitments.set(fact.commitmentId, []);
        break;
      case 'FOLLOW_UP_RECORDED': {
        const followUp: KnownFollowUp = {
          id: fact.followUpId, commitmentId: fact.commitmentId, dueDate: fact.dueDate, originalDueDate: fact.dueDate, reports: [],
        };
        world.followUps.set(fact.followUpId, followUp);
        break;
      }
      case 'DUE_DATE_MOVED': {
        const followUp = world.followUps.get(fact.followUpId);
        if (followUp) followUp.dueDate = fact.dueDate;
        break;
      }
      case 'REPORT_RECORDED': {
        const report: ReportFact = { state: fact.state, reportedOn: fact.reportedOn, sequence: fact.sequence, superseded: false };
        reports.set(fact.sequence, report);
        const corrected = fact.corrects === null ? undefined : reports.get(fact.corrects);
        if (corrected) corrected.superseded = true;
        (world.followUps.get(fact.followUpId)?.reports as ReportFact[] | undefined)?.push(report);
        break;
      }
      case 'EVIDENCE_RECORDED': {
        const list = world.evidence.get(fact.reportSequence) ?? [];
        world.evidence.set(fact.reportSequence, [...list, fact.evidence]);
        break;
      }
    }
  }
  for (const followUp of world.followUps.values()) world.commitments.get(followUp.commitmentId)?.push(followUp);
  return world;
}
