import { GraphQLError } from 'graphql';

/**
 * Errors a caller can act on, each with a stable `extensions.code`. Anything else that escapes a
 * resolver is reported as INTERNAL_SERVER_ERROR with no detail (see formatError in src/server.ts).
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_CONFIGURED';

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** Bad input; `field` names the argument or input field at fault, e.g. "input.dueDate". */
export const badInput = (field: string, message: string) => new ApiError('BAD_USER_INPUT', `${field}: ${message}`, { field });
/** Nothing with that id; with `field`, the message starts with it as badInput's does. */
export const notFound = (what: string, id: string, field?: string) =>
  new ApiError('NOT_FOUND', `${field ? `${field}: ` : ''}No ${what} with id "${id}"`, field ? { field } : {});
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new ApiError('CONFLICT', message, extra);
export const unauthenticated = (message = 'This operation needs an API key: send "Authorization: Bearer <key>"') =>
  new ApiError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message);
/** The server lacks a setting this operation needs; the message says which and how to set it. */
export const notConfigured = (message: string) => new ApiError('NOT_CONFIGURED', message);
