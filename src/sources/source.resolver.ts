import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { CitationRow, pageOfSources, SourceRow } from './source.repository';
import { SourceCitationType, SourceConnection, SourceType } from './source.type';

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

@Resolver(() => SourceCitationType)
export class SourceCitationResolver {
  @FieldResolver(() => SourceType)
  async source(@Root() citation: CitationRow, @Ctx() ctx: RequestContext): Promise<SourceRow> {
    const source = await ctx.loaders.sourceById.load(citation.sourceId);
    if (!source) throw new Error(`citation points at missing source ${citation.sourceId}`);
    return source;
  }
}
