import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from '../graphql/node.type';

@ObjectType('Person', { implements: NodeInterface, description: 'Someone who took part in an engagement, as the sources name them.', simpleResolvers: true })
export class PersonType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'As the sources give it, e.g. Minister of Public Security.' }) title!: string | null;
}
