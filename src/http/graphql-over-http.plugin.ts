import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import { LIMIT_ERROR_CODES } from './limits/limit-error';

/** Errors in a well-formed request: the document or variables are wrong, not the HTTP request. */
const DOCUMENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', ...LIMIT_ERROR_CODES]);
const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** The media type Apollo will answer with: the same negotiation, over the same candidates. */
export function answersWithPlainJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) === JSON_TYPE;
}

/**
 * Status codes as the GraphQL-over-HTTP spec asks. A request error (parsing, validation, variable
 * coercion, our query limits: no `data` in the result) is 4xx for clients that accept
 * application/graphql-response+json, whose status carries meaning; for clients of the legacy
 * application/json type, whose tooling expects 200 for any well-formed request, it is 200 with the
 * errors in the body. Apollo answers 400 in both cases. Malformed requests (no query, a query that
 * is not a string, bad JSON) keep their 400 under either type.
 */
export function graphqlOverHttpPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (!answersWithPlainJson(request.http?.headers.get('accept'))) return;
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single' || body.singleResult.data !== undefined || response.http.status !== 400) return;
          const codes = (body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          if (codes.length && codes.every((c) => typeof c === 'string' && DOCUMENT_ERROR_CODES.has(c))) response.http.status = 200;
        },
      };
    },
  };
}
