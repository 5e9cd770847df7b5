import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

/**
 * Relay connections: keyset pagination with opaque cursors. A cursor encodes the sort key of the
 * row it points at (e.g. [dueDate, id]), so a page is one indexed range scan however deep it is.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type SortKey = (string | number | null)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'An endCursor or edge cursor from the previous page.' })
  after?: string;
}

export interface PageRequest {
  /** Rows wanted; the query fetches one more to learn whether another page exists. */
  limit: number;
  after: SortKey | null;
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Checks `first` and decodes `after`; `arity` is the number of sort-key parts this list uses. */
export function pageRequest({ first, after }: PageArgs, arity: number, path = ''): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput(`${path}first`, `must be from 0 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return { limit, after: after == null ? null : decodeCursor(after, arity, `${path}after`) };
}

export function decodeCursor(cursor: string, arity: number, field: string): SortKey {
  const invalid = () => badInput(field, 'is not a cursor from this list; pass an endCursor or edge cursor you were given');
  if (typeof cursor !== 'string' || cursor.length > 500 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let key: SortKey;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const ok = Array.isArray(key) && key.length === arity && key.every((k: unknown) => k === null || typeof k === 'string' || typeof k === 'number');
  if (!ok) throw invalid();
  const last = key[key.length - 1];
  // The last part is always the row id, the tie-breaker.
  if (typeof last !== 'string' || !/^\d{1,18}$/.test(last)) throw invalid();
  return key;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds a connection from up to limit+1 rows fetched after the cursor. Edges are built only if
 * asked for: most queries select nodes, and a cursor per node is a JSON and base64 encoding each.
 */
export function toConnection<T>(rows: T[], page: PageRequest, totalCount: number, keyOf: (row: T) => SortKey): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const cursorOf = (node: T) => encodeCursor(keyOf(node));
  let edges: Connection<T>['edges'] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node) => ({ cursor: cursorOf(node), node })));
    },
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: nodes.length ? cursorOf(nodes[0]) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
    totalCount,
  };
}

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Declares `<Name>Edge` and `<Name>Connection` GraphQL types for a node type. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field() cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [nodeType]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }

  return { Edge, Connection: ConnectionType };
}
