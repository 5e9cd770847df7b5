import { registerEnumType } from 'type-graphql';
import { API_KEY_ROLES, ApiKeyRole } from '../api-keys/api-key.entity';
import { REPORTED_STATES, ReportedState, STATUSES, Status } from '../domain/status';
import { EVENT_KINDS, EventKind } from '../events/commitment-event.entity';
import { SOURCE_STANCES, SourceStance } from '../sources/source-citation.entity';

/** GraphQL enums whose values are the domain's string literals, so no mapping is needed. */
const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CommitmentStatusEnum = asEnum<Status>(STATUSES);
export const ReportedStateEnum = asEnum<ReportedState>(REPORTED_STATES);
export const SourceStanceEnum = asEnum<SourceStance>(SOURCE_STANCES);
export const CommitmentEventKindEnum = asEnum<EventKind>(EVENT_KINDS);
export const ApiKeyRoleEnum = asEnum<ApiKeyRole>(API_KEY_ROLES);

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
registerEnumType(CommitmentEventKindEnum, { name: 'CommitmentEventKind' });
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  valuesConfig: {
    EDITOR: { description: 'May create and change commitments, sources and reports.' },
    ADMIN: { description: 'May also create API keys.' },
  },
});
