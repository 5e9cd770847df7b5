import { createHash } from 'node:crypto';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { CalendarDate } from '../domain/dates';
import { Lookup, VersionedCache } from './versioned-cache';

/** What decides an anonymous query's answer (see responseCachePlugin). */
export interface CachedOperation {
  /** SHA-256 of the document's text, hex: Apollo's queryHash, so both transports share entries. */
  queryHash: string;
  operationName: string | null | undefined;
  today: CalendarDate;
  /** As declaredVariables gives them. */
  variables: Record<string, unknown> | null;
}

/**
 * Only the variables the operation declares, or null when it declares none: the others are never
 * read, so they must not split the cache (nor reach JSON.stringify, whose stack a variable nested
 * thousands deep overflows). Both transports key with this, so they share entries.
 */
export function declaredVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  const names = (operation.variableDefinitions ?? []).map((d) => d.variable.name.value).filter((name) => variables && name in variables);
  return names.length ? Object.fromEntries(names.map((name) => [name, variables![name]])) : null;
}

/** Apollo's queryHash of a document's text. */
export const queryHashOf = (query: string) => createHash('sha256').update(query).digest('hex');

/**
 * The answers to anonymous queries, one store for HTTP and WebSocket queries alike, each valid for
 * one data version (read from the database per lookup). Null from lookup means "do not use the
 * cache for this one": it is off, the version cannot be read (the operation will meet the same
 * failure and report it), or the variables cannot be made into a key (a declared list variable
 * nested past what JSON.stringify's stack allows: such a request gets no cache, not a crash).
 */
export class ResponseCache {
  private readonly cache?: VersionedCache<FormattedExecutionResult>;

  constructor(config: Pick<Config, 'responseCacheBytes' | 'dbStatementTimeoutMs'>, private readonly log: Logger) {
    if (config.responseCacheBytes > 0) this.cache = new VersionedCache(config.responseCacheBytes, config.dbStatementTimeoutMs);
  }

  /** `dataVersion`: of the database the request reads (a replica may be behind the primary). */
  async lookup(operation: CachedOperation, dataVersion: () => Promise<number>): Promise<Lookup<FormattedExecutionResult> | null> {
    if (!this.cache) return null;
    let key: string;
    try {
      key = JSON.stringify([operation.queryHash, operation.operationName ?? null, operation.today, operation.variables ?? null]);
    } catch (err) {
      if (err instanceof RangeError) return null;
      throw err;
    }
    let version: number;
    try {
      version = await dataVersion();
    } catch (error) {
      this.log.debug({ err: error }, 'data version unreadable; not using the response cache');
      return null;
    }
    return this.cache.lookup(version, key);
  }
}

/** Keeps a result only when complete: data, no errors. */
export function fillWith(lookup: Lookup<FormattedExecutionResult>, result: FormattedExecutionResult | null): void {
  if (lookup.kind !== 'miss') return;
  const complete = result && !result.errors && result.data != null ? result : null;
  lookup.fill(complete, complete ? JSON.stringify(complete).length : 0);
}
