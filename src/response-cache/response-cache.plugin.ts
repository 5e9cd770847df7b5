import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { AppServices, RequestContext } from '../graphql/context';
import { Lookup, VersionedCache } from './versioned-cache';

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
 * without errors are kept.
 */
export function responseCachePlugin({ config, log }: AppServices): ApolloServerPlugin<RequestContext> {
  if (config.responseCacheBytes === 0) return {};
  const cache = new VersionedCache<FormattedExecutionResult>(config.responseCacheBytes, config.dbStatementTimeoutMs);
  return {
    async requestDidStart({ request }) {
      if (request.http?.headers.get('authorization')) return;
      let lookup: Lookup<FormattedExecutionResult> | undefined;
      return {
        async responseForOperation({ operation, operationName, queryHash, request, contextValue }) {
          if (operation?.operation !== 'query') return null; // no operation: an operationName that names none
          let version: number;
          try {
            version = await contextValue.dataVersion(); // of the database this request reads: a replica may be behind
          } catch (error) {
            // The operation itself will meet the same failure and report it properly.
            log.debug({ err: error }, 'data version unreadable; not using the response cache');
            return null;
          }
          const key = JSON.stringify([queryHash, operationName, contextValue.today, request.variables ?? null]);
          lookup = await cache.lookup(version, key);
          if (lookup.kind !== 'hit') return null;
          return { body: { kind: 'single', singleResult: lookup.value }, http: { status: undefined, headers: new HeaderMap() } };
        },
        async willSendResponse({ response }) {
          if (!lookup) return;
          response.http.headers.set(CACHE_STATUS_HEADER, lookup.kind.toUpperCase());
          if (lookup.kind !== 'miss') return;
          const { body } = response;
          const complete = body.kind === 'single' && !body.singleResult.errors && body.singleResult.data != null && (response.http.status ?? 200) === 200;
          const result = complete ? body.singleResult : null;
          lookup.fill(result, result ? JSON.stringify(result).length : 0);
        },
      };
    },
  };
}
