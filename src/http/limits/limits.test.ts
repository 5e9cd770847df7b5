import { buildSchema, getIntrospectionQuery, Kind, OperationDefinitionNode, parse } from 'graphql';
import { aliasCount } from './aliases';
import { operationCost, PLAIN_LIST_ESTIMATE, ROWS_PER_COST, TableRows } from './cost';
import { operationDepth } from './depth';

// The shapes the estimator tells apart: connections, edges, plain lists, single objects, scalars.
const schema = buildSchema(`
  input CommitmentFilter { status: [String!] }
  type FollowThrough { total: Int! }
  type Query {
    commitments(first: Int, after: String, asOf: String, filter: CommitmentFilter): CommitmentConnection!
    followUps(first: Int, filter: CommitmentFilter): FollowUpConnection!
    followThrough(asOf: String): FollowThrough!
    parties: [Party!]!
    node(id: ID!): Commitment
  }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Party { id: ID! code: String! }
  type Commitment {
    id: ID!
    title: String!
    responsibleParties: [Party!]!
    followUps(first: Int): FollowUpConnection!
  }
  type FollowUp { id: ID! dueDate: String commitment: Commitment! reports: [Report!]! }
  type Report { state: String! followUp: FollowUp! }
  type CommitmentEdge { cursor: String! node: Commitment! }
  type CommitmentConnection { edges: [CommitmentEdge!]! nodes: [Commitment!]! pageInfo: PageInfo! totalCount: Int! }
  type FollowUpEdge { cursor: String! node: FollowUp! }
  type FollowUpConnection { edges: [FollowUpEdge!]! nodes: [FollowUp!]! pageInfo: PageInfo! totalCount: Int! }
`);

const depth = (query: string) => {
  const doc = parse(query);
  return operationDepth(doc, doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode);
};
const cost = (query: string, variables: Record<string, unknown> = {}, rows?: TableRows) => operationCost(schema, parse(query), undefined, variables, rows);

describe('query depth', () => {
  it('counts nested field levels, ignoring __typename', () => {
    expect(depth('{ parties { id __typename } }')).toBe(2);
    expect(depth('{ commitments { nodes { followUps { nodes { commitment { id } } } } } }')).toBe(6);
  });

  it('follows named and inline fragments', () => {
    expect(depth('{ commitments { ...C } } fragment C on CommitmentConnection { nodes { ... on Commitment { responsibleParties { id } } } }')).toBe(4);
  });

  it('stays linear for fragments spread many times within fragments', () => {
    const levels = 40;
    let query = `{ commitments { ...F0 } }`;
    for (let i = 0; i < levels; i++) query += ` fragment F${i} on CommitmentConnection { totalCount ...F${i + 1} ...F${i + 1} }`;
    query += ` fragment F${levels} on CommitmentConnection { totalCount }`;
    const started = Date.now();
    expect(depth(query)).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('lets the standard introspection query (as GraphiQL sends it) within the default limit of 15', () => {
    expect(depth(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }))).toBeLessThanOrEqual(15);
  });
});

describe('aliases', () => {
  it('counts aliased fields anywhere in the document', () => {
    expect(aliasCount(parse('{ a: parties { id } b: parties { x: id } c: commitments { totalCount } }'))).toBe(4);
    expect(aliasCount(parse('{ parties { id } }'))).toBe(0);
  });

  it('counts a field repeating a response key of its selection set like an alias, so repetition is capped too', () => {
    expect(aliasCount(parse('{ parties { code } parties { code } parties { id id } }'))).toBe(3);
    expect(aliasCount(parse('{ parties { code } commitments { totalCount } }'))).toBe(0);
  });
});

describe('query cost', () => {
  it('counts nothing for scalars and totals, one per object', () => {
    expect(cost('{ commitments { totalCount } }')).toBe(1);
    expect(cost('{ node(id: "1") { title } }')).toBe(1);
  });

  it('multiplies what a connection selects by first, 20 when omitted', () => {
    expect(cost('{ commitments(first: 100) { nodes { id } } }')).toBe(1 + 100);
    expect(cost('{ commitments { nodes { id } } }')).toBe(1 + 20);
    expect(cost('{ commitments(first: 5) { edges { cursor node { id } } } }')).toBe(1 + 5);
  });

  it('reads first from variables', () => {
    expect(cost('query($n: Int) { commitments(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7);
  });

  it('counts a first above 100 as 100, so the resolver can refuse it with BAD_USER_INPUT', () => {
    expect(cost('{ commitments(first: 5000) { nodes { id } } }')).toBe(1 + 100);
    expect(cost('{ commitments(first: -3) { nodes { id } } }')).toBe(1);
  });

  it('multiplies nested connections: 100 commitments with 20 follow-ups each', () => {
    expect(cost('{ commitments(first: 100) { nodes { title followUps(first: 20) { nodes { dueDate } } } } }')).toBe(1 + 100 * (1 + 1 + 20));
  });

  it('counts a plain list as a fixed number of elements', () => {
    expect(cost('{ parties { id } }')).toBe(PLAIN_LIST_ESTIMATE);
    expect(cost('{ node(id: "1") { responsibleParties { code } } }')).toBe(1 + PLAIN_LIST_ESTIMATE);
  });

  it('grows exponentially with list-in-list cycles, so the cost limit stops them', () => {
    const cyclic = '{ commitments(first: 1) { nodes { followUps(first: 1) { nodes { reports { followUp { reports { followUp { reports { followUp { reports { state } } } } } } } } } } } }';
    expect(cost(cyclic)).toBeGreaterThan(PLAIN_LIST_ESTIMATE ** 4);
  });

  describe('whole-table reads, charged by the rows they may read', () => {
    const rows = { commitments: 30_000, followUps: 60_000 };
    const scan = (n: number) => Math.ceil(n / ROWS_PER_COST);

    it('charges a root totalCount or status filter for the table it scans, once', () => {
      expect(cost('{ followUps { totalCount } }', {}, rows)).toBe(1 + scan(60_000));
      expect(cost('{ followUps(first: 0, filter: { status: ["DONE"] }) { nodes { id } } }', {}, rows)).toBe(1 + scan(60_000));
      expect(cost('{ commitments(filter: { status: ["DONE"] }) { totalCount } }', {}, rows)).toBe(1 + scan(90_000));
      expect(cost('{ followThrough { total } }', {}, rows)).toBe(1 + scan(90_000));
    });

    it('reads the status filter from variables and counts a totalCount behind a fragment', () => {
      expect(cost('query($s: [String!]) { followUps(first: 0, filter: { status: $s }) { nodes { id } } }', { s: ['OVERDUE'] }, rows)).toBe(1 + scan(60_000));
      expect(cost('{ followUps(first: 0) { ... on FollowUpConnection { totalCount } } }', {}, rows)).toBe(1 + scan(60_000));
    });

    it('charges nothing extra for a page without counting or a status filter, nor for nested connections', () => {
      expect(cost('{ commitments(first: 100) { nodes { id } } }', {}, rows)).toBe(1 + 100);
      expect(cost('{ commitments(first: 1) { nodes { followUps(first: 1) { totalCount } } } }', {}, rows)).toBe(1 + 1 * (1 + 1));
    });

    it('refuses thirty aliased whole-table counts at 30,000 commitments, and lets the dashboard\'s query through', () => {
      const attack = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: commitments(asOf: "2026-0${(i % 9) + 1}-01", filter: { status: ["DONE"] }) { totalCount }`).join(' ')} }`;
      expect(cost(attack, {}, rows)).toBeGreaterThan(20_000);
      const dashboard = '{ followThrough { total } overdue: followUps(filter: { status: ["OVERDUE"] }, first: 100) { totalCount nodes { id commitment { title } } } }';
      expect(cost(dashboard, {}, rows)).toBeLessThan(20_000 / 2);
    });
  });

  it('counts nothing for introspection', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});
