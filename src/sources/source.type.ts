import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { SourceKindEnum, SourceStanceEnum } from '../graphql/enums';
import { NodeInterface } from '../graphql/node.type';
import { DateScalar } from '../graphql/scalars';
import type { SourceStance } from './source-citation.entity';
import type { SourceKind } from './source.entity';

@ObjectType('Source', { implements: NodeInterface, description: 'A published account that claims rest on: an article, a press release.', simpleResolvers: true })
export class SourceType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) outlet!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn!: string | null;
  @Field(() => SourceKindEnum, { nullable: true, description: 'Who speaks through it; null while unknown.' }) kind!: SourceKind | null;
  @Field(() => String, { nullable: true, description: 'Unique among sources when set: the key a CSV import matches on.' }) externalId!: string | null;
}

@ObjectType('SourceCitation', { description: 'What one source says about a commitment (or an engagement).', simpleResolvers: true })
export class SourceCitationType {
  @Field(() => SourceType) source!: SourceType;
  @Field(() => SourceStanceEnum) stance!: SourceStance;
  @Field(() => String, { nullable: true }) note!: string | null;
}

export const { Edge: SourceEdge, Connection: SourceConnection } = connectionTypes('Source', SourceType);
