import { FragmentDefinitionNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, parse, FieldNode } from 'graphql';
import { selectsChild } from './selection';

/** The resolve info of the operation's first root field, as far as selectsChild reads it. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsChild', () => {
  it('finds a child selected directly, in an inline fragment or through a fragment spread', () => {
    expect(selectsChild(infoOf('{ commitments { totalCount } }'), 'totalCount')).toBe(true);
    expect(selectsChild(infoOf('{ commitments { ... on CommitmentConnection { totalCount } } }'), 'totalCount')).toBe(true);
    expect(selectsChild(infoOf('{ commitments { ...Counted } } fragment Counted on CommitmentConnection { totalCount }'), 'totalCount')).toBe(true);
  });

  it('does not find a child that is only selected deeper down or not at all', () => {
    expect(selectsChild(infoOf('{ commitments { nodes { followUps { totalCount } } } }'), 'totalCount')).toBe(false);
    expect(selectsChild(infoOf('{ commitments { ...Page } } fragment Page on CommitmentConnection { nodes { id } }'), 'totalCount')).toBe(false);
  });
});
