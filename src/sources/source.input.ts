import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';

@InputType('CreateSourceInput')
export class CreateSourceInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) outlet?: string | null;
  @Field(() => String, { nullable: true, description: 'An absolute http:// or https:// URL.' }) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn?: string | null;
}
