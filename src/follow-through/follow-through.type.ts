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
  @Field(() => Int, { description: "Follow-ups with dueDate < asOf that are not CANCELLED as of asOf: onTimeRate's denominator." })
  dueFollowUps!: number;
  @Field(() => Int, { description: 'Of those, DONE by a report dated on or before the due date.' })
  doneOnTime!: number;
  @Field(() => Int, { description: 'Of those, DONE by a report dated after the due date and on or before asOf.' })
  doneLate!: number;
  @Field(() => Int, { description: 'Of those, with no report of any state dated on or before asOf: nobody has recorded what happened.' })
  unreported!: number;
  @Field(() => Float, { nullable: true, description: 'As onTimeRate, counting only DONE reports whose verification is CORROBORATED.' })
  corroboratedOnTimeRate!: number | null;
}
