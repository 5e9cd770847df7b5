import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', { resolveType: (value: { __typename?: string }) => value.__typename })
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Globally unique, opaque, and accepted by Query.node.' })
  id!: string;
}
