import { Field, ID, InputType } from 'type-graphql';
import type { ReportedState } from '../domain/status';
import { ReportedStateEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';

@InputType('ReportProgressInput')
export class ReportProgressInput {
  @Field(() => ID) followUpId!: string;
  @Field(() => ReportedStateEnum) state!: ReportedState;
  @Field(() => DateScalar, { description: 'When it happened; at most one day after the server\'s today.' }) reportedOn!: string;
  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType('CorrectReportInput', {
  description: 'A corrected account that replaces an earlier report. The earlier one is kept (reports are never edited or deleted) but no longer counts. To withdraw a report, correct it to IN_PROGRESS.',
})
export class CorrectReportInput {
  @Field(() => ID, { description: 'The report being corrected; it must not have been corrected already.' }) reportId!: string;
  @Field(() => ReportedStateEnum) state!: ReportedState;
  @Field(() => DateScalar) reportedOn!: string;
  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
