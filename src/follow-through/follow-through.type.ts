import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Status } from '../domain/status';
import { CommitmentStatusEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';

@ObjectType('StatusCount', { simpleResolvers: true })
export class StatusCountType {
  @Field(() => CommitmentStatusEnum) status!: Status;
  @Field(() => Int) count!: number;
}

@ObjectType('FollowThrough', { description: 'How well commitments are being kept, as of a date.', simpleResolvers: true })
export class FollowThroughType {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => Int, { description: 'Commitments counted.' }) total!: number;
  @Field(() => [StatusCountType], { description: 'One row per status, zero counts included.' }) byStatus!: StatusCountType[];
  @Field(() => Float, {
    nullable: true,
    description:
      'Among follow-ups with dueDate < asOf that are not CANCELLED as of asOf: the share with a DONE\nreport dated on or before their dueDate. Null when there are none.',
  })
  onTimeRate!: number | null;
  @Field(() => Int, { description: 'Follow-ups counted by onTimeRate: due before asOf and not CANCELLED as of asOf.' })
  dueFollowUps!: number;
  @Field(() => Int, { description: 'Of dueFollowUps, those with a DONE report dated on or before their due date.' })
  doneOnTime!: number;
}
