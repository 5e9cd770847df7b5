import type { ApolloServerPlugin } from '@apollo/server';
import { QueryLimits, queryLimitError } from './query-limits';

/**
 * Refuses an operation whose shape would cost too much, before any resolver runs. Checked once the
 * operation is resolved rather than as validation rules, because Apollo caches validation per
 * document while the cost depends on the variables (`first: $n`).
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          if (!operation) return; // Apollo refuses the request itself when no operation resolves
          const error = queryLimitError(limits, { schema, document, operation, operationName, variables: request.variables });
          if (error) throw error;
        },
      };
    },
  };
}
