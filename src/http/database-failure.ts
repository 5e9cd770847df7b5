import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Database failures the caller can do something about (wait and retry, or ask for less), told
 * apart from bugs. Everything else stays INTERNAL_SERVER_ERROR.
 */
export type DatabaseFailureCode = 'SERVICE_UNAVAILABLE' | 'STATEMENT_TIMEOUT';

// SQLSTATE classes and codes: 08 connection exception, 53300 too many connections, 57P01–57P03
// shutdown / crash / starting up.
const UNAVAILABLE_SQLSTATE = /^(08...|53300|57P0[123])$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// pg-pool and pg say these in messages only, without a code.
const UNAVAILABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|the database system is (starting up|shutting down)/i;
// TypeORM hands a transaction's connection back the moment pg reports it broken (Postgres ended the
// session: shutdown, crash, a terminated backend), even between two statements; the transaction's
// next statement then fails with one of these rather than with the connection's own error.
const LOST_CONNECTION_ERRORS = [QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError];

export function databaseFailure(error: unknown): { code: DatabaseFailureCode; message: string } | null {
  if (!(error instanceof Error)) return null;
  const e = error as Error & { code?: unknown; driverError?: { code?: unknown } };
  const code = String(e.driverError?.code ?? e.code ?? '');
  if (code === '57014') {
    return {
      code: 'STATEMENT_TIMEOUT',
      message:
        'The database stopped this request at its time limit (DB_STATEMENT_TIMEOUT_MS; DB_ANONYMOUS_STATEMENT_TIMEOUT_MS without an API key): ask for less (smaller pages, fewer nested lists) or retry later.',
    };
  }
  if (
    UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_MESSAGE.test(e.message) ||
    LOST_CONNECTION_ERRORS.some((type) => error instanceof type)
  ) {
    return { code: 'SERVICE_UNAVAILABLE', message: 'The database is busy or unreachable right now. Retry in a few seconds.' };
  }
  return null;
}
