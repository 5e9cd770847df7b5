import { DocumentNode, getVariableValues, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Config } from '../../config';
import { aliasCount } from './aliases';
import { operationCost, TableRows } from './cost';
import { operationDepth } from './depth';
import { limitError } from './limit-error';

/** What graphql-query-complexity throws when fragments expand past the nodes it will walk. */
const FRAGMENT_BOMB_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

export type QueryLimits = Pick<Config, 'maxQueryDepth' | 'maxQueryCost' | 'maxAliases'> & {
  /** The tables' current sizes, which whole-table reads are charged by (see cost.ts); none known: nothing charged. */
  tableRows?: () => TableRows;
};

export interface CheckedOperation {
  schema: GraphQLSchema;
  /** A document that passed validation. */
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The first limit the operation breaks (aliases, depth, cost: cheapest first), or null. Shared by
 * HTTP (an Apollo plugin) and any other transport that runs operations, e.g. graphql-ws's onSubscribe.
 */
export function queryLimitError(limits: QueryLimits, { schema, document, operation, operationName, variables }: CheckedOperation): GraphQLError | null {
  const aliases = aliasCount(document);
  if (aliases > limits.maxAliases) {
    return limitError('TOO_MANY_ALIASES', `The query uses ${aliases} aliases or repeated fields; at most ${limits.maxAliases} are allowed (MAX_ALIASES).`, limits.maxAliases, aliases);
  }
  const depth = operationDepth(document, operation);
  if (depth > limits.maxQueryDepth) {
    return limitError('QUERY_TOO_DEEP', `The query nests ${depth} levels deep; at most ${limits.maxQueryDepth} are allowed (MAX_QUERY_DEPTH).`, limits.maxQueryDepth, depth);
  }
  // Variables that do not coerce are refused by execution with BAD_USER_INPUT, before any resolver
  // runs; the cost cannot be computed without them anyway.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return null;
  let cost: number;
  try {
    cost = operationCost(schema, document, operationName ?? undefined, variables ?? {}, limits.tableRows?.());
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    // An argument literal that does not coerce (e.g. knownAt: "yesterday"): validation reports it
    // with GRAPHQL_VALIDATION_FAILED; it is not the caller asking for too much.
    if (e.message !== FRAGMENT_BOMB_MESSAGE) return null;
    // Fragments that expand to more fields than the estimator will walk.
    return limitError('QUERY_TOO_COMPLEX', `The query expands to too many fields to run: ${e.message}`, limits.maxQueryCost, null);
  }
  if (cost > limits.maxQueryCost) {
    return limitError(
      'QUERY_TOO_COMPLEX',
      `The query may return about ${cost} objects; at most ${limits.maxQueryCost} are allowed (MAX_QUERY_COST). Ask for smaller pages (first) or fewer nested lists.`,
      limits.maxQueryCost,
      cost,
    );
  }
  return null;
}
