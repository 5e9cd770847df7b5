import { Field, ID, InputType } from 'type-graphql';
import { SourceKindEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';
import type { SourceKind } from './source.entity';

@InputType('CreateSourceInput')
export class CreateSourceInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) outlet?: string | null;
  @Field(() => String, { nullable: true, description: 'An absolute http:// or https:// URL.' }) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn?: string | null;
  @Field(() => SourceKindEnum, { nullable: true }) kind?: SourceKind | null;
  @Field(() => String, { nullable: true, description: 'The code of the party whose government or state speaks through it.' }) affiliationCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Unique among sources: the key a CSV import matches on.' }) externalId?: string | null;
}

@InputType('UpdateSourceInput', { description: 'Fields left out stay as they are; null clears an optional one.' })
export class UpdateSourceInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) outlet?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn?: string | null;
  @Field(() => SourceKindEnum, { nullable: true }) kind?: SourceKind | null;
  @Field(() => String, { nullable: true }) affiliationCode?: string | null;
}
