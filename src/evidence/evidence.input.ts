import { Field, ID, InputType } from 'type-graphql';
import { SourceStanceEnum } from '../graphql/enums';
import type { SourceStance } from '../sources/source-citation.entity';

@InputType('AddEvidenceInput', { description: 'What one more source says about a report. Evidence is never edited or deleted.' })
export class AddEvidenceInput {
  @Field(() => ID) reportId!: string;
  @Field(() => ID) sourceId!: string;
  @Field(() => SourceStanceEnum) stance!: SourceStance;
  @Field(() => String, { nullable: true }) note?: string | null;
}
