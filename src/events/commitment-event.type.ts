import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { CommitmentEventKindEnum, CommitmentStatusEnum } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';
import type { Status } from '../domain/status';
import type { EventKind } from './commitment-event.entity';

/** One entry of the history; commitment and followUp are field resolvers. */
@ObjectType('CommitmentEvent', { simpleResolvers: true })
export class CommitmentEventType {
  @Field({ description: 'Opaque and increasing; pass it as `after` to resume.' }) cursor!: string;
  @Field(() => CommitmentEventKindEnum) kind!: EventKind;
  @Field(() => DateTimeScalar) occurredAt!: Date;
  @Field(() => CommitmentStatusEnum, { nullable: true }) previousStatus!: Status | null;
  @Field(() => CommitmentStatusEnum, { nullable: true }) status!: Status | null;
  @Field({ description: 'Who made the change: the name of the API key used, or "scheduler" for time-driven changes.' }) actor!: string;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'What changed: for UPDATED the before/after values of each edited field; for KIND_CHANGED and DEADLINE_MOVED before and after; for PROGRESS_REPORTED and REPORT_CORRECTED the report (and the one corrected); for EVIDENCE_ADDED the evidence; for CREATED the initial values.',
  })
  details!: Record<string, unknown> | null;
}

export const { Edge: CommitmentEventEdge, Connection: CommitmentEventConnection } = connectionTypes('CommitmentEvent', CommitmentEventType);
