import type { GraphQLResolveInfo } from 'graphql';
import type { CalendarDate } from '../domain/dates';
import type { RequestContext } from './context';

/**
 * The contract's asOf rule: a field's own asOf, else the asOf given to the root field above it,
 * else the server's today. Root fields record theirs with rememberRootAsOf.
 */
function rootKey(info: GraphQLResolveInfo): string | number {
  let path = info.path;
  while (path.prev) path = path.prev;
  return path.key;
}

export function rememberRootAsOf(ctx: RequestContext, info: GraphQLResolveInfo, asOf: CalendarDate | null | undefined): CalendarDate {
  const value = asOf ?? ctx.today;
  ctx.rootAsOf.set(rootKey(info), value);
  return value;
}

export function effectiveAsOf(ctx: RequestContext, info: GraphQLResolveInfo, asOf: CalendarDate | null | undefined): CalendarDate {
  return asOf ?? ctx.rootAsOf.get(rootKey(info)) ?? ctx.today;
}
