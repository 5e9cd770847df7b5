import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';
import { badInput } from './errors';
import { NodeTypeName, parseGlobalId } from './global-id';
import { NodeInterface } from './node.type';
import { requireRole } from '../api-keys/authenticate';
import { findWebhook } from '../webhooks/webhook.repository';

@Resolver()
export class NodeResolver {
  /**
   * Any object by its global id. The id names its type, so one loader answers, and the row is
   * tagged with __typename for the Node interface's resolveType.
   */
  @Query(() => NodeInterface, { nullable: true, description: 'Null when no such object exists.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badInput('id', `"${id}" is not an id this API issued`);
    const loaders: Record<NodeTypeName, { load(id: string): Promise<object | null> }> = {
      Party: ctx.loaders.partyById,
      Source: ctx.loaders.sourceById,
      Engagement: ctx.loaders.engagementById,
      Commitment: ctx.loaders.commitmentById,
      FollowUp: ctx.loaders.followUpById,
      ProgressReport: ctx.loaders.reportById,
      Person: ctx.loaders.personById,
      // ADMIN only, like Query.webhooks.
      Webhook: { load: async (webhookId) => (await requireRole(ctx, 'ADMIN'), findWebhook(ctx.db, webhookId)) },
    };
    const row = await loaders[parsed.type].load(parsed.id);
    return row ? { ...row, __typename: parsed.type } : null;
  }
}
