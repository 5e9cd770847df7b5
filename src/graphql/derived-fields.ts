import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { CalendarDate } from '../domain/dates';
import { fieldAsOf } from './as-of.args';
import type { RequestContext } from './context';
import { fieldKnownAt } from './known-at';

/** A row of a list, which computes some derived values in its own SQL, as of the list's asOf and knownAt. */
interface DerivedRow {
  derivedAsOf?: CalendarDate;
  derivedKnownAt?: string | null;
  [field: string]: unknown;
}

/** Whether `row` carries the values derived as of `asOf` and `knownAt` (null: now), so that nothing needs computing again. */
export function carriesDerivedValues(row: object, asOf: CalendarDate, knownAt: string | null): boolean {
  const r = row as DerivedRow;
  return r.derivedAsOf === asOf && (r.derivedKnownAt ?? null) === knownAt;
}

/** Fields whose value a list row may carry, by GraphQL type. */
const DERIVED_FIELDS: Record<string, string[]> = {
  Commitment: ['status', 'nextDueDate'],
  FollowUp: ['status'],
};

/**
 * Lets asOf-dependent fields answer straight from their row when the row carries the value for
 * the asOf the field would use: no loader, no promise. type-graphql runs every resolver that
 * takes arguments through an async argument pipeline, a promise per field even when nothing is
 * awaited; on a page of 50 commitments with 20 follow-ups each, those promises for values the
 * list had already computed cost a fifth of the request's CPU. A row from elsewhere (node(id:),
 * a loader), or a field asked for another date, still goes through its resolver.
 */
export function answerDerivedFieldsFromRows(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fieldNames] of Object.entries(DERIVED_FIELDS)) {
    const fields = (schema.getType(typeName) as GraphQLObjectType).getFields();
    for (const name of fieldNames) {
      const field = fields[name];
      const resolve = field.resolve!;
      field.resolve = (row: DerivedRow, args, ctx: RequestContext, info) =>
        carriesDerivedValues(row, fieldAsOf(ctx, info, args.asOf), fieldKnownAt(ctx, info, args.knownAt)) ? row[name] : resolve(row, args, ctx, info);
    }
  }
  return schema;
}
