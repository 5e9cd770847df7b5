import { registerEnumType } from 'type-graphql';
import { API_KEY_ROLES, ApiKeyRole } from '../api-keys/api-key.entity';
import { COMMITMENT_KINDS, CommitmentKind, PARTY_ROLES, PartyRole } from '../domain/commitment-kinds';
import { REPORTED_STATES, ReportedState, STATUSES, Status } from '../domain/status';
import { EVENT_KINDS, EventKind } from '../events/commitment-event.entity';
import { Verification, VERIFICATIONS } from '../domain/verification';
import { SOURCE_STANCES, SourceStance } from '../sources/source-citation.entity';
import { SOURCE_KINDS, SourceKind } from '../sources/source.entity';

/** GraphQL enums whose values are the domain's string literals, so no mapping is needed. */
const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CommitmentStatusEnum = asEnum<Status>(STATUSES);
export const ReportedStateEnum = asEnum<ReportedState>(REPORTED_STATES);
export const SourceStanceEnum = asEnum<SourceStance>(SOURCE_STANCES);
export const CommitmentEventKindEnum = asEnum<EventKind>(EVENT_KINDS);
export const ApiKeyRoleEnum = asEnum<ApiKeyRole>(API_KEY_ROLES);
export const CommitmentKindEnum = asEnum<CommitmentKind>(COMMITMENT_KINDS);
export const PartyRoleEnum = asEnum<PartyRole>(PARTY_ROLES);
export const SourceKindEnum = asEnum<SourceKind>(SOURCE_KINDS);
export const VerificationEnum = asEnum<Verification>(VERIFICATIONS);

registerEnumType(CommitmentStatusEnum, {
  name: 'CommitmentStatus',
  description: 'Derived from due dates, progress reports and a reference date (asOf); never stored as truth.',
});
registerEnumType(ReportedStateEnum, { name: 'ReportedState' });
registerEnumType(SourceStanceEnum, {
  name: 'SourceStance',
  valuesConfig: {
    CONFIRMS: { description: 'The source reports the commitment.' },
    OMITS: { description: 'The source covers the meeting but leaves the commitment out.' },
    CONTRADICTS: { description: 'The source reports something that conflicts with it.' },
  },
});
registerEnumType(CommitmentEventKindEnum, {
  name: 'CommitmentEventKind',
  valuesConfig: {
    STATUS_CHANGED: {
      description: "One per follow-up whose status changes, with followUp set and previousStatus/status being that follow-up's. Also emitted when time alone moves it, e.g. DUE_SOON -> OVERDUE at the start of the day after its due date, or DUE_SOON -> DONE on the day a report dated ahead of time takes effect.",
    },
    EVIDENCE_ADDED: { description: 'addEvidence: a source\'s stance on a report (details: reportId, sourceId, stance, note); followUp is the report\'s.' },
    KIND_CHANGED: { description: 'Comes with the UPDATED that changed the kind, e.g. an INVITATION accepted becoming an AGREEMENT (details: before, after).' },
    DEADLINE_MOVED: { description: 'Comes with the UPDATED that moved a follow-up\'s due date (details: before, after; null is undated).' },
    REPORT_CORRECTED: { description: 'correctReport: a new report that supersedes an earlier one (details: reportId, corrects, state, reportedOn).' },
  },
});
registerEnumType(CommitmentKindEnum, {
  name: 'CommitmentKind',
  valuesConfig: {
    AGREEMENT: { description: 'All the parties named as obligors agreed to it.' },
    PLEDGE: { description: 'One party promised it on its own.' },
    REQUEST: { description: 'A party asked another for it; nothing is promised until the asked party accepts.' },
    INVITATION: { description: 'A party invited another (to visit, attend, take part); nothing is promised until it accepts.' },
  },
});
registerEnumType(PartyRoleEnum, {
  name: 'PartyRole',
  valuesConfig: {
    OBLIGOR: {
      description: 'The party that would act: it promised (AGREEMENT, PLEDGE), was asked (REQUEST) or was invited (INVITATION). responsibleParties lists exactly these.',
    },
    BENEFICIARY: { description: 'The party the action is for, or that asked for it.' },
    HOST: { description: 'The party that invited, or hosts the event the commitment is about.' },
  },
});
registerEnumType(SourceKindEnum, {
  name: 'SourceKind',
  valuesConfig: {
    OFFICIAL: { description: "A government's own statement, readout, website or spokesperson." },
    STATE_MEDIA: { description: 'A news outlet owned or controlled by a state.' },
    INDEPENDENT_MEDIA: { description: 'A news outlet or agency not controlled by a state.' },
    RESEARCH: { description: 'Research, an NGO, an international body or a court.' },
  },
});
registerEnumType(VerificationEnum, {
  name: 'Verification',
  description: `Who backs a progress report, from its evidence:
  DISPUTED      some evidence CONTRADICTS it
  CORROBORATED  none contradicts, and some CONFIRMS evidence comes from a source whose affiliation is
                not one of the commitment's OBLIGORs (null affiliation counts as independent)
  CLAIMED       none contradicts, some CONFIRMS, and all of it from sources affiliated with an OBLIGOR
  UNSOURCED     no CONFIRMS and no CONTRADICTS evidence`,
});
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  valuesConfig: {
    EDITOR: { description: 'May create and change commitments, sources and reports.' },
    ADMIN: { description: 'May also create API keys.' },
  },
});
