import { DocumentNode, FieldNode, getNamedType, getNullableType, GraphQLNamedType, GraphQLSchema, isLeafType, isListType, isObjectType, Kind, SelectionSetNode } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/connection';

/**
 * Query cost: roughly the number of objects a response can hold, so a limit on it bounds the work
 * and the size of any answer.
 *  - A field returning an object costs 1 plus what is selected below it; scalars cost nothing.
 *  - A connection (a field returning a …Connection) multiplies what its nodes/edges select by
 *    `first` (default 20; clamped to 0..100, since a larger `first` is refused by the resolver with
 *    its own BAD_USER_INPUT and must not be reported as "too complex" instead).
 *  - A plain list (responsibleParties, sources, reports, …) has no page size; it counts as
 *    PLAIN_LIST_ESTIMATE elements, which is what stops reports{followUp{reports{…}}} from fanning out.
 *  - Introspection counts nothing: it reads the schema, not the database, and depth bounds it.
 *  - A root field that makes the database read a whole table, whatever it returns, also costs
 *    the rows it may read, one per ROWS_PER_COST: a root connection that counts (`totalCount`) or
 *    filters by status (status is derived per row, so a status that matches little still reads
 *    everything), and followThrough (every commitment and follow-up it covers). So thirty aliased
 *    `commitments(asOf: …, filter: {status: [DONE]}) { totalCount }` cost thirty scans, not 30.
 *    Row counts come from Postgres's statistics (see table-rows.ts).
 * Example: commitments(first: 100) { nodes { title followUps(first: 20) { nodes { dueDate status } } } }
 * costs 1 + 100 × (1 + (1 + 20 × 1)) = 2,201; with 30,000 commitments and 60,000 follow-ups,
 * `followUps(filter: {status: [OVERDUE]}) { totalCount }` costs 1 + 60,000 / 20 = 3,001.
 */
export const PLAIN_LIST_ESTIMATE = 5;

/**
 * Rows a scan reads per unit of cost. A unit is about one object returned; reading and judging a
 * row's status (its follow-ups, their reports) is roughly a twentieth of the work of resolving
 * and sending an object. So the dashboard's query (followThrough plus overdue follow-ups with
 * totalCount) stays far inside the default limit at 30,000 commitments, and a handful of aliased
 * whole-table counts does not.
 */
export const ROWS_PER_COST = 20;

/** Rows in the tables root fields may scan (estimates). */
export interface TableRows {
  commitments: number;
  followUps: number;
}

export const NO_ROWS: TableRows = { commitments: 0, followUps: 0 };

/** The rows each root field may read when it counts or filters by status. */
const ROOT_SCANS: Partial<Record<string, (rows: TableRows) => number>> = {
  // A commitment's status is judged from its follow-ups.
  commitments: (r) => r.commitments + r.followUps,
  followUps: (r) => r.followUps,
  followThrough: (r) => r.commitments + r.followUps,
};

/** Whether a selection counts: a totalCount, directly or in an inline fragment; a named fragment may, so it counts too. */
function counts(set: SelectionSetNode | undefined): boolean {
  return (set?.selections ?? []).some((s) =>
    s.kind === Kind.FIELD ? s.name.value === 'totalCount' : s.kind === Kind.INLINE_FRAGMENT ? counts(s.selectionSet) : true,
  );
}

function scansTable(fieldName: string, node: FieldNode, args: Record<string, unknown>): boolean {
  if (fieldName === 'followThrough') return true;
  const status = (args.filter as { status?: unknown[] | null } | null | undefined)?.status;
  return (Array.isArray(status) && status.length > 0) || counts(node.selectionSet);
}

const isConnection = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Connection') && 'nodes' in type.getFields();
const isEdge = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Edge') && 'node' in type.getFields();

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE_SIZE);
}

/** Objects the field's answer can hold (see above). */
const objectCount: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const returned = getNamedType(field.type);
  if (isLeafType(returned)) return 0;
  if (isConnection(returned)) return 1 + pageSize(args.first) * childComplexity;
  // The elements of a page: one object each (the connection above multiplies them).
  if (isConnection(type) && (field.name === 'nodes' || field.name === 'edges')) return 1 + childComplexity;
  // An edge's node is the object the edge already counted.
  if (isEdge(type) && field.name === 'node') return childComplexity;
  if (isListType(getNullableType(field.type))) return PLAIN_LIST_ESTIMATE * (1 + childComplexity);
  return 1 + childComplexity;
};

/** Objects returned, plus the rows a root field's whole-table scan may read. */
export const costEstimator = (rows: TableRows, rootTypeName: string): ComplexityEstimator => (estimate) => {
  const { type, field, node, args } = estimate;
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const scan = ROOT_SCANS[field.name];
  const scanned = type.name === rootTypeName && scan && scansTable(field.name, node, args) ? Math.ceil(scan(rows) / ROWS_PER_COST) : 0;
  return scanned + objectCount(estimate)!;
};

/**
 * The cost of the operation that will run. Variables must already be known to coerce (the
 * caller checks), since `first: $n` counts with its value. Throws a GraphQLError when the document
 * expands to more than 10,000 fields through its fragments (the library's guard against fragment bombs).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  rows: TableRows = NO_ROWS,
): number {
  const root = schema.getQueryType()?.name ?? 'Query';
  return getComplexity({ schema, query: document, operationName, variables, estimators: [costEstimator(rows, root)] });
}
