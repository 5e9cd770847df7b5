import { GraphQLError } from 'graphql';

/**
 * Codes for operations refused because of their shape, before anything runs. They are the
 * caller's to fix (split the query, ask for smaller pages), so formatError shows their message.
 */
export const LIMIT_ERROR_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES'] as const;
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];

/** A request error (no `data`): HTTP 400 under application/graphql-response+json, 200 under application/json. */
export function limitError(code: LimitErrorCode, message: string, limit: number, actual: number | null): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status: 400 } } });
}
