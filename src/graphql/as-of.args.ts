import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field } from 'type-graphql';
import type { CalendarDate } from '../domain/dates';
import { effectiveAsOf, rememberRootAsOf } from './as-of';
import { ConnectionArgs } from './connection';
import type { RequestContext } from './context';
import { DateScalar, DateTimeScalar } from './scalars';
import { checkDate } from './validate';

export const AS_OF_DESCRIPTION = "The date to evaluate status on; omitted, the root field's asOf, else the server's today.";

/** `asOf` alone, for fields such as status(asOf:). */
@ArgsType()
export class AsOfArgs {
  @Field(() => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: string | null;
}

/** A page plus asOf, for lists whose order or filter depends on status. */
@ArgsType()
export class AsOfConnectionArgs extends ConnectionArgs {
  @Field(() => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: string | null;
}

export const KNOWN_AT_DESCRIPTION =
  "Answer as the tracker would have at this instant: what was recorded later is left out, and due dates are those recorded then. Omitted, the root field's knownAt, else now. Not in the future.";

/** knownAt alone, for fields such as ProgressReport.verification(knownAt:). */
@ArgsType()
export class KnownAtArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: KNOWN_AT_DESCRIPTION })
  knownAt?: Date | null;
}

/** asOf and knownAt, for the status fields the contract gives both. */
@ArgsType()
export class AsOfKnownAtArgs extends AsOfArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: KNOWN_AT_DESCRIPTION })
  knownAt?: Date | null;
}

/** A page plus asOf and knownAt. */
@ArgsType()
export class AsOfKnownAtConnectionArgs extends AsOfConnectionArgs {
  @Field(() => DateTimeScalar, { nullable: true, description: KNOWN_AT_DESCRIPTION })
  knownAt?: Date | null;
}

/** A root field's asOf: checked, then remembered for the fields below it. */
export function rootAsOf(ctx: RequestContext, info: GraphQLResolveInfo, asOf: string | null | undefined): CalendarDate {
  return rememberRootAsOf(ctx, info, asOf == null ? asOf : checkDate(asOf, 'asOf'));
}

/** A nested field's asOf: its own (checked), else inherited. */
export function fieldAsOf(ctx: RequestContext, info: GraphQLResolveInfo, asOf: string | null | undefined): CalendarDate {
  return effectiveAsOf(ctx, info, asOf == null ? asOf : checkDate(asOf, 'asOf'));
}
