import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { NodeInterface } from '../graphql/node.type';
import { DateScalar } from '../graphql/scalars';

@ObjectType('Engagement', { implements: NodeInterface, description: 'A meeting or visit at which commitments were made.', simpleResolvers: true })
export class EngagementType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => DateScalar, { nullable: true }) heldOn!: string | null;
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field(() => String, { nullable: true, description: 'Unique among engagements when set: the key a CSV import matches on.' }) externalId!: string | null;
}

export const { Edge: EngagementEdge, Connection: EngagementConnection } = connectionTypes('Engagement', EngagementType);
