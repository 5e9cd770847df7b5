import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from './context';
import { badInput } from './errors';

/**
 * The contract's knownAt rule, as asOf's (see as-of.ts): a field's own knownAt, else the knownAt
 * given to the root field above it, else now (null: the present, read from the tables as they
 * are). Values are ISO instants, checked once where they enter: malformed or in the future (by
 * the server's clock) is BAD_USER_INPUT, since nothing can yet be known after now.
 */
function rootKey(info: GraphQLResolveInfo): string | number {
  let path = info.path;
  while (path.prev) path = path.prev;
  return path.key;
}

/** A knownAt argument (the DateTime scalar gives a Date) as an ISO instant, checked. */
export function checkKnownAt(ctx: RequestContext, value: unknown, field = 'knownAt'): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, 'must be an instant written ISO-8601 with an offset, e.g. 2026-10-01T12:00:00Z');
  if (value.getTime() > ctx.clock.now().getTime()) {
    throw badInput(field, `must not be in the future (it is now ${ctx.clock.now().toISOString()}): nothing is known yet about later`);
  }
  return value.toISOString();
}

/** A root field's knownAt: checked, then remembered for the fields below it. */
export function rootKnownAt(ctx: RequestContext, info: GraphQLResolveInfo, knownAt: Date | null | undefined): string | null {
  const value = knownAt == null ? null : checkKnownAt(ctx, knownAt);
  ctx.rootKnownAt.set(rootKey(info), value);
  return value;
}

/** A nested field's knownAt: its own (checked), else inherited from its root field, else null (now). */
export function fieldKnownAt(ctx: RequestContext, info: GraphQLResolveInfo, knownAt?: Date | null): string | null {
  if (knownAt != null) return checkKnownAt(ctx, knownAt);
  return ctx.rootKnownAt.get(rootKey(info)) ?? null;
}
