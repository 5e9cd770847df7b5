import { Field, ID, InputType, Int } from 'type-graphql';
import type { CommitmentKind, PartyRole } from '../domain/commitment-kinds';
import { CommitmentKindEnum, PartyRoleEnum, SourceStanceEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars';
import type { SourceStance } from '../sources/source-citation.entity';

@InputType('CommitmentPartyInput')
export class CommitmentPartyInput {
  @Field() partyCode!: string;
  @Field(() => PartyRoleEnum) role!: PartyRole;
}

@InputType('CreateCommitmentInput')
export class CreateCommitmentInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { description: 'The OBLIGORs: the parties that promised, were asked or were invited.' }) partyCodes!: string[];
  @Field(() => CommitmentKindEnum, { nullable: true, description: 'Default PLEDGE when one party code is given, AGREEMENT when several.' }) kind?: CommitmentKind | null;
  @Field(() => [CommitmentPartyInput], { nullable: true, description: 'Beneficiaries and hosts; partyCodes are the obligors.' }) otherParties?: CommitmentPartyInput[] | null;
  @Field(() => String, { nullable: true, description: 'Unique among commitments: the key a CSV import matches on.' }) externalId?: string | null;
  @Field(() => ID, { nullable: true }) engagementId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'One-off deadline; omit for an undated promise.' }) dueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'RRULE; with startsOn, generates the follow-ups.' }) recurrence?: string | null;
  @Field(() => DateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Cited with stance CONFIRMS.' }) sourceIds?: string[] | null;
}

@InputType('UpdateCommitmentInput')
export class UpdateCommitmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version the caller read; a stale one is refused with CONFLICT and nothing changes.' })
  expectedVersion!: number;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears it.' }) description?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "Moves the due date of a one-off commitment's single follow-up; null makes it undated. Refused for recurring commitments and those with several follow-ups.",
  })
  dueDate?: string | null;
  @Field(() => CommitmentKindEnum, { nullable: true, description: 'E.g. an INVITATION accepted becomes an AGREEMENT; the change is in the history (KIND_CHANGED).' })
  kind?: CommitmentKind | null;
}

@InputType('CiteSourceInput', { description: 'Cites a source on a commitment, or changes the stance of an existing citation.' })
export class CiteSourceInput {
  @Field(() => ID) commitmentId!: string;
  @Field(() => ID) sourceId!: string;
  @Field(() => SourceStanceEnum) stance!: SourceStance;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'When given, a stale version is refused with CONFLICT.' }) expectedVersion?: number | null;
}

@InputType('AddFollowUpInput', { description: 'A follow-up added by hand, e.g. a deliverable announced later.' })
export class AddFollowUpInput {
  @Field(() => ID) commitmentId!: string;
  @Field() title!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Omit for an undated follow-up.' }) dueDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'When given, a stale version is refused with CONFLICT.' }) expectedVersion?: number | null;
}
