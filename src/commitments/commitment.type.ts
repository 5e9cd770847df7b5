import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { CommitmentKind } from '../domain/commitment-kinds';
import { CommitmentKindEnum } from '../graphql/enums';
import { connectionTypes } from '../graphql/connection';
import { NodeInterface } from '../graphql/node.type';
import { DateTimeScalar } from '../graphql/scalars';

/**
 * The API's view of a commitment. Plain columns are declared here; derived fields (status,
 * nextDueDate, followUps, sources, history, parties) are field resolvers in commitment.resolver.ts.
 */
@ObjectType('Commitment', { implements: NodeInterface, description: 'A promise made at an engagement.', simpleResolvers: true })
export class CommitmentType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => CommitmentKindEnum) kind!: CommitmentKind;
  @Field(() => String, { nullable: true, description: 'Unique among commitments when set: the key a CSV import matches on.' }) externalId!: string | null;
  @Field(() => String, { nullable: true, description: 'RFC 5545 RRULE for a recurring obligation, e.g. FREQ=MONTHLY;INTERVAL=3; null when one-off.' })
  recurrence!: string | null;
  @Field(() => Int, { description: 'Bumped by every write through the API that touches it (edits, reports), not by time-driven changes; updateCommitment must name the version it read.' })
  version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

export const { Edge: CommitmentEdge, Connection: CommitmentConnection } = connectionTypes('Commitment', CommitmentType);
