import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { CommitmentPartyEntity } from '../commitments/commitment-party.entity';
import { CommitmentEntity } from '../commitments/commitment.entity';
import { EngagementParticipantEntity } from '../engagements/engagement-participant.entity';
import { EngagementPartyEntity } from '../engagements/engagement-party.entity';
import { EngagementSourceEntity } from '../engagements/engagement-source.entity';
import { EngagementEntity } from '../engagements/engagement.entity';
import { CommitmentEventEntity } from '../events/commitment-event.entity';
import { EvidenceEntity } from '../evidence/evidence.entity';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import { PartyEntity } from '../parties/party.entity';
import { InstitutionEntity } from '../people/institution.entity';
import { PersonEntity } from '../people/person.entity';
import { ProgressReportEntity } from '../progress-reports/progress-report.entity';
import { SourceCitationEntity } from '../sources/source-citation.entity';
import { SourceEntity } from '../sources/source.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';

export const entities = [
  PartyEntity, InstitutionEntity, PersonEntity, EngagementEntity, EngagementParticipantEntity, SourceEntity,
  SourceCitationEntity, CommitmentEntity, CommitmentPartyEntity, FollowUpEntity, ProgressReportEntity,
  CommitmentEventEntity, ApiKeyEntity, EngagementPartyEntity, EngagementSourceEntity, EvidenceEntity, WebhookEntity,
];
