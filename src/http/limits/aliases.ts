import { DocumentNode, Kind, SelectionSetNode, visit } from 'graphql';

/**
 * Aliased fields anywhere in the document, plus fields that repeat a response key already
 * selected in the same selection set. Both are how one request asks for the same field many times
 * over (`a1: commitments … a500: commitments`, or `parties { code } parties { code } …`), so they
 * are capped apart from depth and cost; and repeats are what make validation's overlapping-fields
 * rule quadratic (a thousand `parties { code }` take it half a second), so they must be refused
 * before it runs.
 */
export function aliasCount(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    [Kind.SELECTION_SET](set: SelectionSetNode) {
      const keys = new Set<string>();
      for (const selection of set.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.alias || keys.has(key)) count += 1;
        keys.add(key);
      }
    },
  });
  return count;
}
