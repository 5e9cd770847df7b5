import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import { FollowUpType } from '../follow-ups/follow-up.type';
import type { RequestContext } from '../graphql/context';
import { CommitmentEntity } from './commitment.entity';
import { AddFollowUpInput, CiteSourceInput, CreateCommitmentInput, UpdateCommitmentInput } from './commitment.input';
import { addFollowUp, citeSource, createCommitment, updateCommitment } from './commitment.service';
import { CommitmentType } from './commitment.type';

@ObjectType('CommitmentPayload', { simpleResolvers: true })
export class CommitmentPayload {
  @Field(() => CommitmentType) commitment!: CommitmentType;
}

@ObjectType('FollowUpPayload', { simpleResolvers: true })
export class FollowUpPayload {
  @Field(() => FollowUpType) followUp!: FollowUpType;
}

/** Writes to commitments; all need an EDITOR or ADMIN key, checked before the input is looked at. */
@Resolver()
export class CommitmentMutationResolver {
  @Mutation(() => CommitmentPayload, { description: 'One-off (dueDate), undated (neither), or recurring (recurrence + startsOn, generating its follow-ups).' })
  async createCommitment(@Arg('input', () => CreateCommitmentInput) input: CreateCommitmentInput, @Ctx() ctx: RequestContext): Promise<{ commitment: CommitmentEntity }> {
    const actor = await requireRole(ctx, 'EDITOR');
    return { commitment: await createCommitment(ctx, actor, input) };
  }

  @Mutation(() => CommitmentPayload, { description: 'Refused with CONFLICT (extensions.currentVersion) when expectedVersion is stale; nothing changes then.' })
  async updateCommitment(@Arg('input', () => UpdateCommitmentInput) input: UpdateCommitmentInput, @Ctx() ctx: RequestContext): Promise<{ commitment: CommitmentEntity }> {
    const actor = await requireRole(ctx, 'EDITOR');
    return { commitment: await updateCommitment(ctx, actor, input) };
  }

  @Mutation(() => CommitmentPayload, { description: 'Cites a source on a commitment with a stance; citing it again changes the stance and note.' })
  async citeSource(@Arg('input', () => CiteSourceInput) input: CiteSourceInput, @Ctx() ctx: RequestContext): Promise<{ commitment: CommitmentEntity }> {
    const actor = await requireRole(ctx, 'EDITOR');
    return { commitment: await citeSource(ctx, actor, input) };
  }

  @Mutation(() => FollowUpPayload, { description: 'Adds a follow-up by hand to a commitment (its commitment field gives the updated commitment).' })
  async addFollowUp(@Arg('input', () => AddFollowUpInput) input: AddFollowUpInput, @Ctx() ctx: RequestContext): Promise<{ followUp: FollowUpEntity }> {
    const actor = await requireRole(ctx, 'EDITOR');
    return { followUp: await addFollowUp(ctx, actor, input) };
  }
}
