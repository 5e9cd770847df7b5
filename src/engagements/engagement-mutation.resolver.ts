import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { CreateEngagementInput } from './engagement.input';
import type { EngagementRow } from './engagement.repository';
import { createEngagement } from './engagement.service';
import { EngagementType } from './engagement.type';

@ObjectType('EngagementPayload', { simpleResolvers: true })
export class EngagementPayload {
  @Field(() => EngagementType) engagement!: EngagementType;
}

@Resolver()
export class EngagementMutationResolver {
  @Mutation(() => EngagementPayload, { description: 'EDITOR or ADMIN. Records a meeting or visit; commitments made there name it as engagementId.' })
  async createEngagement(@Arg('input', () => CreateEngagementInput) input: CreateEngagementInput, @Ctx() ctx: RequestContext): Promise<{ engagement: EngagementRow }> {
    await requireRole(ctx, 'EDITOR');
    return { engagement: await createEngagement(ctx, input) };
  }
}
