import { Field, InputType } from 'type-graphql';
import { CommitmentFilterInput } from '../commitments/commitment-filter.input';
import type { EventKind } from '../events/commitment-event.entity';
import { CommitmentEventKindEnum } from '../graphql/enums';

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field({ description: 'https (http only to hosts allowed by WEBHOOK_ALLOW_HOSTS).' }) url!: string;
  @Field(() => CommitmentFilterInput, { nullable: true, description: 'Events of the commitments it matches, as for the commitmentEvents subscription.' })
  filter?: CommitmentFilterInput | null;
  @Field(() => [CommitmentEventKindEnum], { nullable: true, description: 'Only events of these kinds; unset or empty: every kind.' })
  kinds?: EventKind[] | null;
}
