import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { CreateWebhookInput } from './webhook.input';
import type { WebhookRow } from './webhook.repository';
import { listWebhooks } from './webhook.repository';
import { createWebhook, deleteWebhook, NewWebhook, pendingDeliveries } from './webhook.service';
import { WebhookPayload, WebhookType } from './webhook.type';

/** Webhooks are ADMIN-only, reads included: a URL can hold a receiver's token. */
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Query(() => [WebhookType], { description: 'ADMIN only.' })
  async webhooks(@Ctx() ctx: RequestContext): Promise<WebhookRow[]> {
    await requireRole(ctx, 'ADMIN');
    return listWebhooks(ctx.db);
  }

  @Mutation(() => WebhookPayload, { description: 'ADMIN only.' })
  async createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: RequestContext): Promise<NewWebhook> {
    const actor = await requireRole(ctx, 'ADMIN');
    return createWebhook(ctx, actor, input);
  }

  @Mutation(() => WebhookType, { description: 'ADMIN only. Pending deliveries are dropped.' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookRow> {
    await requireRole(ctx, 'ADMIN');
    return deleteWebhook(ctx, id);
  }

  @FieldResolver(() => ID)
  id(@Root() w: WebhookRow): string {
    return toGlobalId('Webhook', w.id);
  }

  @FieldResolver(() => Int, { description: 'Events matched but not yet delivered.' })
  pending(@Root() w: WebhookRow, @Ctx() ctx: RequestContext): Promise<number> {
    return pendingDeliveries(ctx, w);
  }
}
