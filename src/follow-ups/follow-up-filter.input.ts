import { Field, ID, InputType } from 'type-graphql';
import type { Status } from '../domain/status';
import { CommitmentStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';

@InputType('FollowUpFilter', { description: 'Every given condition must hold.' })
export class FollowUpFilterInput {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: "Matched against the follow-up's status as of the query's asOf." })
  status?: Status[] | null;

  @Field(() => [String], { nullable: true, description: 'Follow-ups of commitments for which any of these parties is responsible.' })
  partyCodes?: string[] | null;

  @Field(() => ID, { nullable: true })
  commitmentId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Follow-ups due on or after this date.' })
  dueAfter?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Follow-ups due on or before this date.' })
  dueBefore?: string | null;
}
