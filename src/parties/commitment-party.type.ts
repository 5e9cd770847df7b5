import { Field, ObjectType } from 'type-graphql';
import type { PartyRole } from '../domain/commitment-kinds';
import { PartyRoleEnum } from '../graphql/enums';
import { PartyType } from './party.type';

@ObjectType('CommitmentParty', { description: 'A party involved in a commitment, with its role.', simpleResolvers: true })
export class CommitmentPartyType {
  @Field(() => PartyType) party!: PartyType;
  @Field(() => PartyRoleEnum) role!: PartyRole;
}
