import { Field, ID, InputType } from 'type-graphql';
import type { Status } from '../domain/status';
import type { CommitmentKind } from '../domain/commitment-kinds';
import { CommitmentKindEnum, CommitmentStatusEnum, SourceStanceEnum } from '../graphql/enums';
import type { SourceStance } from '../sources/source-citation.entity';
import { DateScalar } from '../graphql/scalars';

@InputType('CommitmentFilter', { description: 'Every given condition must hold.' })
export class CommitmentFilterInput {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: "Matched against status as of the query's asOf." })
  status?: Status[] | null;

  @Field(() => [String], { nullable: true, description: 'Commitments for which any of these parties is responsible (an OBLIGOR).' })
  partyCodes?: string[] | null;

  @Field(() => [CommitmentKindEnum], { nullable: true })
  kinds?: CommitmentKind[] | null;

  @Field(() => [String], { nullable: true, description: 'Commitments in which any of these parties has any role.' })
  involvingPartyCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Commitments citing this source, with any stance.' })
  sourceId?: string | null;

  @Field(() => [SourceStanceEnum], { nullable: true, description: 'Commitments citing some source with one of these stances (e.g. OMITS: what some source left out). With sourceId, that source\'s stance.' })
  stances?: SourceStance[] | null;

  @Field(() => ID, { nullable: true })
  engagementId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Commitments with a follow-up due in this closed range.' })
  dueAfter?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueBefore?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive; every word must occur in the title or the description.' })
  search?: string | null;
}
