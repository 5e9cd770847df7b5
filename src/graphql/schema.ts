import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApiKeyResolver } from '../api-keys/api-key.resolver';
import { CommitmentMutationResolver } from '../commitments/commitment-mutation.resolver';
import { CommitmentResolver } from '../commitments/commitment.resolver';
import { EngagementResolver } from '../engagements/engagement.resolver';
import { CommitmentEventResolver } from '../events/commitment-event.resolver';
import { CommitmentEventSubscriptionResolver, unusedPubSub } from '../events/commitment-event-subscription.resolver';
import { FollowThroughResolver } from '../follow-through/follow-through.resolver';
import { FollowUpResolver } from '../follow-ups/follow-up.resolver';
import { PartyResolver } from '../parties/party.resolver';
import { PersonResolver } from '../people/person.resolver';
import { PartyMutationResolver } from '../parties/party-mutation.resolver';
import { EngagementMutationResolver } from '../engagements/engagement-mutation.resolver';
import { EvidenceMutationResolver } from '../evidence/evidence-mutation.resolver';
import { ProgressReportMutationResolver } from '../progress-reports/progress-report-mutation.resolver';
import { ProgressReportResolver } from '../progress-reports/progress-report.resolver';
import { SourceMutationResolver } from '../sources/source-mutation.resolver';
import { SourceResolver } from '../sources/source.resolver';
import { answerDerivedFieldsFromRows } from './derived-fields';
import './enums';
import { NodeResolver } from './node.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';

/** Every resolver class of the API. */
export const resolvers = [
  PartyResolver, SourceResolver, PersonResolver,
  NodeResolver, CommitmentResolver, FollowUpResolver, ProgressReportResolver, EngagementResolver, CommitmentEventResolver, FollowThroughResolver,
  CommitmentEventSubscriptionResolver,
  CommitmentMutationResolver, ProgressReportMutationResolver, SourceMutationResolver, ApiKeyResolver,
  EngagementMutationResolver, PartyMutationResolver, EvidenceMutationResolver,
  WebhookResolver,
] as const;

export async function buildApiSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    // Input is checked by each service, which names the field at fault; no class-validator pass.
    validate: false,
    pubSub: unusedPubSub,
  });
  return answerDerivedFieldsFromRows(schema);
}

/** The SDL committed as schema.graphql: sorted, so the file changes only when the API does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
