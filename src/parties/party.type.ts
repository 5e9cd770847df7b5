import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from '../graphql/node.type';

@ObjectType('Party', { implements: NodeInterface, simpleResolvers: true })
export class PartyType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'ISO 3166-1 alpha-2, e.g. PK, CN.' }) code!: string;
}
