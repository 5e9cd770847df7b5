import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { pageOfSources, SourceRow } from './source.repository';
import { SourceConnection, SourceType } from './source.type';

@Resolver(() => SourceType)
export class SourceResolver {
  @Query(() => SourceConnection)
  async sources(@Args() args: ConnectionArgs, @Ctx() ctx: RequestContext): Promise<Connection<SourceRow>> {
    const page = pageRequest(args, 1);
    const { rows, total } = await pageOfSources(ctx.db, page);
    return toConnection(rows, page, total, (s) => [s.id]);
  }

  @FieldResolver(() => ID)
  id(@Root() source: SourceRow): string {
    return toGlobalId('Source', source.id);
  }
}

