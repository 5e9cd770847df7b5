import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../api-keys/authenticate';
import type { RequestContext } from '../graphql/context';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import type { SourceRow } from './source.repository';
import { createSource, updateSource } from './source.service';
import { SourceType } from './source.type';

@ObjectType('SourcePayload', { simpleResolvers: true })
export class SourcePayload {
  @Field(() => SourceType) source!: SourceType;
}

@Resolver()
export class SourceMutationResolver {
  @Mutation(() => SourcePayload, { description: 'EDITOR or ADMIN. Records a source that reports and citations can then point at.' })
  async createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput, @Ctx() ctx: RequestContext): Promise<{ source: SourceRow }> {
    await requireRole(ctx, 'EDITOR');
    return { source: await createSource(ctx, input) };
  }

  @Mutation(() => SourcePayload, { description: 'EDITOR or ADMIN. Changes what is known about a source, e.g. its kind and affiliation.' })
  async updateSource(@Arg('input', () => UpdateSourceInput) input: UpdateSourceInput, @Ctx() ctx: RequestContext): Promise<{ source: SourceRow }> {
    await requireRole(ctx, 'EDITOR');
    return { source: await updateSource(ctx, input) };
  }
}
