import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError, TypeORMError } from 'typeorm';
import { databaseFailure } from './database-failure';

describe('database failures', () => {
  it('answers SERVICE_UNAVAILABLE when Postgres ends the session, refuses connections or is shutting down', () => {
    const terminated = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (const err of [terminated, refused, new Error('the database system is shutting down')]) {
      expect(databaseFailure(err)?.code).toBe('SERVICE_UNAVAILABLE');
    }
  });

  it('answers SERVICE_UNAVAILABLE when a transaction lost its connection between two statements', () => {
    // TypeORM releases the query runner as soon as pg reports the connection broken; the next
    // statement of the transaction fails with one of these instead of the connection error.
    expect(databaseFailure(new QueryRunnerAlreadyReleasedError())?.code).toBe('SERVICE_UNAVAILABLE');
    expect(databaseFailure(new QueryRunnerProviderAlreadyReleasedError())?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers STATEMENT_TIMEOUT when Postgres cancelled a statement that ran too long', () => {
    const cancelled = new QueryFailedError('SELECT pg_sleep(9)', [], Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }));
    expect(databaseFailure(cancelled)?.code).toBe('STATEMENT_TIMEOUT');
  });

  it('leaves bugs alone, so they stay INTERNAL_SERVER_ERROR', () => {
    const syntax = new QueryFailedError('SELEC 1', [], Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }));
    for (const err of [syntax, new TypeORMError('Entity metadata for X was not found'), new TypeError('x is undefined'), 'not an error']) {
      expect(databaseFailure(err)).toBeNull();
    }
  });
});
