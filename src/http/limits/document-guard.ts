import { DocumentNode, getOperationAST, GraphQLError, GraphQLSchema, parse } from 'graphql';
import { QueryLimits, queryLimitError } from './query-limits';

export type DocumentLimits = QueryLimits & { maxQueryTokens: number };

/** graphql-js's own parse, stopped at MAX_QUERY_TOKENS: linear in the text, and bounded. */
export function parseBounded(query: string, limits: Pick<DocumentLimits, 'maxQueryTokens'>): DocumentNode {
  return parse(query, { maxTokens: limits.maxQueryTokens, noLocation: false });
}

/**
 * The query limits (aliases, depth, cost) checked on a parsed document BEFORE validation, on
 * both transports. Validation is the expensive step for a hostile document: its overlapping-fields
 * rule compares fields pairwise, so a document of many thousand aliases or repeated fields keeps
 * the event loop busy for seconds. The limits themselves are one linear walk each (the cost walk
 * expands fragments at most 10,000 fields), so a document over them is refused in milliseconds.
 *
 * On a document that does not validate, a count may be off (an unknown field costs nothing);
 * anything the walk cannot make sense of is left to validation, which reports it properly, and the
 * limits run again on the validated operation (queryLimitsPlugin), so nothing over a limit runs.
 */
export function preValidationLimitError(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null; // OPERATION_RESOLUTION_FAILURE is reported by whoever runs it
  try {
    return queryLimitError(limits, { schema, document, operation, operationName, variables });
  } catch {
    return null;
  }
}
