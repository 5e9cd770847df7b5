import { Field, ID, ObjectType } from 'type-graphql';
import type { ReportedState } from '../domain/status';
import { ReportedStateEnum } from '../graphql/enums';
import { NodeInterface } from '../graphql/node.type';
import { DateScalar, DateTimeScalar } from '../graphql/scalars';

@ObjectType('ProgressReport', { implements: NodeInterface, description: 'A dated account of what happened to a follow-up, citing a source.', simpleResolvers: true })
export class ProgressReportType extends NodeInterface {
  @Field(() => ID) id!: string;
  @Field(() => ReportedStateEnum) state!: ReportedState;
  @Field(() => DateScalar) reportedOn!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}
