import { DocumentNode, getNamedType, getNullableType, GraphQLNamedType, GraphQLSchema, isLeafType, isListType, isObjectType } from 'graphql';
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
 * Example: commitments(first: 100) { nodes { title followUps(first: 20) { nodes { dueDate status } } } }
 * costs 1 + 100 × (1 + (1 + 20 × 1)) = 2,201.
 */
export const PLAIN_LIST_ESTIMATE = 5;

const isConnection = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Connection') && 'nodes' in type.getFields();
const isEdge = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Edge') && 'node' in type.getFields();

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(Math.trunc(first), 0), MAX_PAGE_SIZE);
}

export const objectCountEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const returned = getNamedType(field.type);
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (isLeafType(returned)) return 0;
  if (isConnection(returned)) return 1 + pageSize(args.first) * childComplexity;
  // The elements of a page: one object each (the connection above multiplies them).
  if (isConnection(type) && (field.name === 'nodes' || field.name === 'edges')) return 1 + childComplexity;
  // An edge's node is the object the edge already counted.
  if (isEdge(type) && field.name === 'node') return childComplexity;
  if (isListType(getNullableType(field.type))) return PLAIN_LIST_ESTIMATE * (1 + childComplexity);
  return 1 + childComplexity;
};

/**
 * The cost of the operation that will run. Variables must already be known to coerce (the
 * caller checks), since `first: $n` counts with its value. Throws a GraphQLError when the document
 * expands to more than 10,000 fields through its fragments (the library's guard against fragment bombs).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  return getComplexity({ schema, query: document, operationName, variables, estimators: [objectCountEstimator] });
}
