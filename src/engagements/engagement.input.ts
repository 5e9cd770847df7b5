import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';

@InputType('CreateEngagementInput', { description: 'A meeting or visit, with the parties that met and the sources that report it (cited as CONFIRMS).' })
export class CreateEngagementInput {
  @Field() title!: string;
  @Field(() => DateScalar, { nullable: true }) heldOn?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => [String]) partyCodes!: string[];
  @Field(() => [ID], { nullable: true }) sourceIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Unique among engagements: the key a CSV import matches on.' }) externalId?: string | null;
}
