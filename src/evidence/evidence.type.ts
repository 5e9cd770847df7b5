import { Field, ObjectType } from 'type-graphql';
import { SourceStanceEnum } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';
import type { SourceStance } from '../sources/source-citation.entity';
import { SourceType } from '../sources/source.type';

@ObjectType('Evidence', { description: 'What one source says about a progress report.', simpleResolvers: true })
export class EvidenceType {
  @Field(() => SourceType) source!: SourceType;
  @Field(() => SourceStanceEnum, {
    description: 'CONFIRMS: the source reports what the report says; CONTRADICTS: it reports otherwise; OMITS: it covers the matter and does not mention it.',
  })
  stance!: SourceStance;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => DateTimeScalar) recordedAt!: Date;
}
