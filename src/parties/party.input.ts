import { Field, InputType } from 'type-graphql';

@InputType('CreatePartyInput')
export class CreatePartyInput {
  @Field({ description: 'ISO 3166-1 alpha-2, or a code of the form X[A-Z] for a body that is not a state (e.g. XU).' }) code!: string;
  @Field() name!: string;
}
