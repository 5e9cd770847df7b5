import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { RequestContext } from '../graphql/context';
import { declaredVariables, fillWith, ResponseCache } from './response-cache';
import type { Lookup } from './versioned-cache';

/** Response header telling what the cache did: HIT, MISS (computed, and kept if it succeeded) or BYPASS. */
export const CACHE_STATUS_HEADER = 'x-response-cache';

/**
 * Answers a read from memory when the same operation, with the same variables, was answered on
 * the same day from the same data version: dashboards and scrapers ask the same few questions
 * over and over, and each answer is a pure function of those four things (status as of a date
 * is derived from the data, and "today" is part of the key for fields without an asOf).
 *
 * Every request still reads the data version (one indexed row), so a write committed through any
 * server, or by any other writer, is seen by the next request on every server. The cache sits
 * after parsing, validation and the query limits, so it never answers an operation those would
 * refuse. It takes part only in anonymous queries: a request with a key may see what only that
 * key may (apiKeys), and mutations and subscriptions are never cached. Only complete answers
 * without errors are kept. An operationName that names no operation reaches here with no
 * operation: Apollo then answers OPERATION_RESOLUTION_FAILURE itself.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      if (request.http?.headers.get('authorization')) return;
      let lookup: Lookup<FormattedExecutionResult> | null = null;
      return {
        async responseForOperation({ operation, operationName, queryHash, request, contextValue }) {
          if (operation?.operation !== 'query' || !queryHash) return null;
          const variables = declaredVariables(operation, request.variables);
          lookup = await cache.lookup({ queryHash, operationName, today: contextValue.today, variables }, contextValue.dataVersion);
          if (lookup?.kind !== 'hit') return null;
          return { body: { kind: 'single', singleResult: lookup.value }, http: { status: undefined, headers: new HeaderMap() } };
        },
        async willSendResponse({ response }) {
          if (!lookup) return;
          response.http.headers.set(CACHE_STATUS_HEADER, lookup.kind.toUpperCase());
          const { body } = response;
          fillWith(lookup, body.kind === 'single' && (response.http.status ?? 200) === 200 ? body.singleResult : null);
        },
      };
    },
  };
}
