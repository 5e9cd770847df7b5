import { Field, ID, InputType } from 'type-graphql';
import type { Status } from '../domain/status';
import type { CommitmentKind } from '../domain/commitment-kinds';
import { CommitmentKindEnum, CommitmentStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';

@InputType('FollowUpFilter', { description: 'Every given condition must hold.' })
export class FollowUpFilterInput {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: "Matched against the follow-up's status as of the query's asOf." })
  status?: Status[] | null;

  @Field(() => [String], { nullable: true, description: 'Follow-ups of commitments for which any of these parties is responsible (an OBLIGOR).' })
  partyCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Follow-ups of commitments made at this engagement.' })
  engagementId?: string | null;

  @Field(() => [CommitmentKindEnum], { nullable: true, description: 'Follow-ups of commitments of these kinds.' })
  kinds?: CommitmentKind[] | null;

  @Field(() => ID, { nullable: true })
  commitmentId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Follow-ups due on or after this date.' })
  dueAfter?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Follow-ups due on or before this date.' })
  dueBefore?: string | null;
}
