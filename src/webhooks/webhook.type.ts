import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { EventKind } from '../events/commitment-event.entity';
import { CommitmentEventKindEnum } from '../graphql/enums';
import { NodeInterface } from '../graphql/node.type';
import { DateTimeScalar } from '../graphql/scalars';

@ObjectType('Webhook', { implements: NodeInterface, description: 'Signed deliveries of matching events to a URL (Standard Webhooks). ADMIN only.' })
export class WebhookType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [CommitmentEventKindEnum], { description: 'Only events of these kinds; empty means all.' }) kinds!: EventKind[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Int, { description: 'Events matched but not yet delivered.' }) pending!: number;
  @Field(() => DateTimeScalar, { nullable: true }) lastDeliveredAt!: Date | null;
  @Field(() => String, { nullable: true, description: "The last failed attempt's HTTP status or error, while deliveries are failing." })
  lastError!: string | null;
}

@ObjectType('WebhookPayload', { simpleResolvers: true })
export class WebhookPayload {
  @Field(() => WebhookType) webhook!: WebhookType;
  @Field({ description: 'whsec_ followed by base64 of 32 random bytes; shown once, only here; kept encrypted, never in plain text.' })
  secret!: string;
}
