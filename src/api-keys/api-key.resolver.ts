import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { ApiKeyEntity } from './api-key.entity';
import { CreateApiKeyInput } from './api-key.input';
import { listKeys } from './api-key.repository';
import { createApiKey, NewApiKey, revokeApiKey } from './api-key.service';
import { ApiKeyPayload, ApiKeyType } from './api-key.type';
import { requireRole } from './authenticate';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: 'ADMIN only.' })
  async apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKeyEntity[]> {
    await requireRole(ctx, 'ADMIN');
    return listKeys(ctx.db);
  }

  @Mutation(() => ApiKeyPayload, { description: 'ADMIN only. The key in the answer is shown this once; only its hash is stored.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<NewApiKey> {
    await requireRole(ctx, 'ADMIN');
    return createApiKey(ctx.db, ctx.clock, input);
  }

  @Mutation(() => ApiKeyType, { description: 'ADMIN only. The key stops working at once.' })
  async revokeApiKey(@Arg('name', () => String) name: string, @Ctx() ctx: RequestContext): Promise<ApiKeyEntity> {
    await requireRole(ctx, 'ADMIN');
    return revokeApiKey(ctx.db, ctx.clock, name);
  }
}
