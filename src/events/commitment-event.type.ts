import { Field, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { CommitmentEventKindEnum, CommitmentStatusEnum } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';
import type { Status } from '../domain/status';
import type { EventKind } from './commitment-event.entity';

/** One entry of the history; commitment and followUp are field resolvers. */
@ObjectType('CommitmentEvent')
export class CommitmentEventType {
  @Field({ description: 'Opaque and increasing; pass it as `after` to resume.' }) cursor!: string;
  @Field(() => CommitmentEventKindEnum) kind!: EventKind;
  @Field(() => DateTimeScalar) occurredAt!: Date;
  @Field(() => CommitmentStatusEnum, { nullable: true }) previousStatus!: Status | null;
  @Field(() => CommitmentStatusEnum, { nullable: true }) status!: Status | null;
}

export const { Edge: CommitmentEventEdge, Connection: CommitmentEventConnection } = connectionTypes('CommitmentEvent', CommitmentEventType);
