import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { NodeInterface } from '../graphql/node.type';
import { DateScalar } from '../graphql/scalars';

/** One concrete deliverable; status, daysOverdue, completedOn and reports are field resolvers. */
@ObjectType('FollowUp', { implements: NodeInterface, description: 'One concrete deliverable of a commitment, with an optional due date.', simpleResolvers: true })
export class FollowUpType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => DateScalar, { nullable: true }) dueDate!: string | null;
}

export const { Edge: FollowUpEdge, Connection: FollowUpConnection } = connectionTypes('FollowUp', FollowUpType);
