import { DocumentNode, Kind, visit } from 'graphql';

/**
 * Aliased fields anywhere in the document. Aliases are how one request asks for the same
 * expensive field many times over (`a1: commitments … a500: commitments`), so they are capped
 * separately from depth and cost.
 */
export function aliasCount(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.alias) count += 1;
    },
  });
  return count;
}
