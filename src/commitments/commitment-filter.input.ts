import { Field, ID, InputType } from 'type-graphql';
import type { Status } from '../domain/status';
import { CommitmentStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';

@InputType('CommitmentFilter', { description: 'Every given condition must hold.' })
export class CommitmentFilterInput {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: "Matched against status as of the query's asOf." })
  status?: Status[] | null;

  @Field(() => [String], { nullable: true, description: 'Commitments for which any of these parties is responsible.' })
  partyCodes?: string[] | null;

  @Field(() => ID, { nullable: true })
  engagementId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Commitments with a follow-up due in this closed range.' })
  dueAfter?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueBefore?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive; every word must occur in the title or the description.' })
  search?: string | null;
}
