import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError } from 'graphql';
import type { Config } from '../../config';
import { aliasCount } from './aliases';
import { operationCost } from './cost';
import { operationDepth } from './depth';
import { limitError } from './limit-error';

export type QueryLimits = Pick<Config, 'maxQueryDepth' | 'maxQueryCost' | 'maxAliases'>;

/**
 * Refuses an operation whose shape would cost too much, before any resolver runs. Checked once the
 * operation is resolved rather than as validation rules, because Apollo caches validation per
 * document while the cost depends on the variables (`first: $n`). Cheapest checks first.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          if (!operation) return; // Apollo refuses the request itself when no operation resolves
          const aliases = aliasCount(document);
          if (aliases > limits.maxAliases) {
            throw limitError('TOO_MANY_ALIASES', `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed (MAX_ALIASES).`, limits.maxAliases, aliases);
          }
          const depth = operationDepth(document, operation);
          if (depth > limits.maxQueryDepth) {
            throw limitError('QUERY_TOO_DEEP', `The query nests ${depth} levels deep; at most ${limits.maxQueryDepth} are allowed (MAX_QUERY_DEPTH).`, limits.maxQueryDepth, depth);
          }
          // Variables that do not coerce are refused by execution with BAD_USER_INPUT, before any
          // resolver runs; the cost cannot be computed without them anyway.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return;
          let cost: number;
          try {
            cost = operationCost(schema, document, operationName ?? undefined, request.variables ?? {});
          } catch (e) {
            if (!(e instanceof GraphQLError)) throw e;
            // Fragments that expand to more fields than the estimator will walk.
            throw limitError('QUERY_TOO_COMPLEX', `The query expands to too many fields to run: ${e.message}`, limits.maxQueryCost, null);
          }
          if (cost > limits.maxQueryCost) {
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `The query may return about ${cost} objects; at most ${limits.maxQueryCost} are allowed (MAX_QUERY_COST). Ask for smaller pages (first) or fewer nested lists.`,
              limits.maxQueryCost,
              cost,
            );
          }
        },
      };
    },
  };
}
