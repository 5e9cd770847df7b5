import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { SourceStanceEnum } from '../graphql/enums';
import { NodeInterface } from '../graphql/node.type';
import { DateScalar } from '../graphql/scalars';
import type { SourceStance } from './source-citation.entity';

@ObjectType('Source', { implements: NodeInterface, description: 'A published account that claims rest on: an article, a press release.', simpleResolvers: true })
export class SourceType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) outlet!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn!: string | null;
}

@ObjectType('SourceCitation', { description: 'What one source says about a commitment.', simpleResolvers: true })
export class SourceCitationType {
  @Field(() => SourceType) source!: SourceType;
  @Field(() => SourceStanceEnum) stance!: SourceStance;
  @Field(() => String, { nullable: true }) note!: string | null;
}

export const { Edge: SourceEdge, Connection: SourceConnection } = connectionTypes('Source', SourceType);
