import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { poolOf } from '../db/pool-of';
import { databaseFailure } from '../http/database-failure';

const WRAPPED = Symbol('read failover');

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, release: (err?: Error) => void) => void;

/**
 * Makes a replica's pool fall back to the primary's, statement by statement, when the replica
 * stops answering: a connection it cannot open is taken from the primary instead, and a statement
 * that fails because the replica went away (shut down, crashed, unreachable) is run again on the
 * primary. Requests under way when a replica stops thus still get their answer; `onFailure` tells
 * the router, which stops choosing the replica until it answers again. Only for reads: a statement
 * is re-run on its own, outside whatever transaction it was in, so nothing that writes may use it.
 */
export function failOverToPrimary(replica: DataSource, primary: Pool, onFailure: (error: Error) => void): void {
  const pool = poolOf(replica)!;
  const connect = pool.connect.bind(pool) as (callback: ConnectCallback) => void;
  const lost = (error: unknown): error is Error => databaseFailure(error)?.code === 'SERVICE_UNAVAILABLE';
  (pool as unknown as { connect: (callback: ConnectCallback) => void }).connect = (callback) => {
    connect((err, client, release) => {
      // Whatever stops a replica giving a connection (down, unreachable, refusing, full), the primary can.
      if (err) {
        onFailure(err);
        (primary.connect as unknown as (callback: ConnectCallback) => void)(callback);
        return;
      }
      if (client) rerunLostStatementsOn(client, primary, lost, onFailure);
      callback(err, client, release);
    });
  };
}

function rerunLostStatementsOn(client: PoolClient, primary: Pool, lost: (e: unknown) => e is Error, onFailure: (error: Error) => void): void {
  const marked = client as PoolClient & { [WRAPPED]?: true };
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    // Callback and streaming forms (a Submittable such as QueryStream) are passed through untouched.
    const [text, values] = args;
    const plain = args.length <= 2 && typeof values !== 'function' && typeof (text as { submit?: unknown })?.submit !== 'function';
    if (!plain) return query(...args);
    return (query(text, values) as Promise<unknown>).catch((error: unknown) => {
      if (!lost(error)) throw error;
      onFailure(error);
      return primary.query(text as string, values as unknown[]);
    });
  };
}
