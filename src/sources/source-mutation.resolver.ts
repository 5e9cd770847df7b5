import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { SourceEntity } from './source.entity';
import { CreateSourceInput } from './source.input';
import { createSource } from './source.service';
import { SourceType } from './source.type';

@ObjectType('SourcePayload', { simpleResolvers: true })
export class SourcePayload {
  @Field(() => SourceType) source!: SourceType;
}

@Resolver()
export class SourceMutationResolver {
  @Mutation(() => SourcePayload, { description: 'EDITOR or ADMIN. Records a source that reports and citations can then point at.' })
  async createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput, @Ctx() ctx: RequestContext): Promise<{ source: SourceEntity }> {
    await requireRole(ctx, 'EDITOR');
    return { source: await createSource(ctx, input) };
  }
}
