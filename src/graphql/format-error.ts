import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApiError } from './errors';
import { databaseFailure } from '../http/database-failure';
import { LIMIT_ERROR_CODES } from '../http/limits/limit-error';

/** Codes that Apollo or graphql-js assign to the caller's own mistakes; their messages are safe to show. */
const CALLER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', ...LIMIT_ERROR_CODES,
  // The WebSocket transport's own refusals (src/events/subscription-server.ts, event-execution.ts).
  'RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS', 'SUBSCRIPTION_CAPACITY',
]);

/** Apollo's own error for a persisted query whose text does not hash to the hash sent with it; it carries no code. */
const APQ_HASH_MISMATCH = 'provided sha does not match query';

/**
 * The one place errors become responses: our ApiErrors and the caller's own mistakes pass through
 * with their code; a database that is down, saturated or too slow is SERVICE_UNAVAILABLE or
 * STATEMENT_TIMEOUT (retry later / ask for less); anything else is logged and answered as INTERNAL_SERVER_ERROR with no stack,
 * SQL or internal message.
 */
export function createFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ApiError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.extensions } };
    }
    const failure = databaseFailure(original);
    if (failure) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable or too slow');
      return { message: failure.message, locations: formatted.locations, path: formatted.path, extensions: { code: failure.code } };
    }
    if (formatted.message === APQ_HASH_MISMATCH) {
      return {
        message: 'The persisted query hash does not match the query sent with it: send the SHA-256 of the exact query text, in lowercase hex.',
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CALLER_CODES.has(code)) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
      const field = code === 'BAD_USER_INPUT' && extensions.field === undefined ? variableField(formatted.message) : undefined;
      if (field) extensions.field = field;
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error: the failure was logged. Please retry later.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The field a variable coercion error is about, like the field our own checks name: graphql-js
 * writes `Variable "$input" got invalid value … at "input.dueDate"; …` (the path inside the
 * variable), or no path when the variable itself is at fault (`$asOf` → "asOf").
 */
export function variableField(message: string): string | undefined {
  const m = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" (?:got invalid value .*? at "([^"]+)"|[^]*)/.exec(message);
  if (!m) return undefined;
  return m[2] ?? m[1];
}
