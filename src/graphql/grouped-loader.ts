import DataLoader from 'dataloader';

/** A key for loaders whose answer depends on arguments as well as on the parent's id. */
export interface KeyWithArgs<A> {
  id: string;
  args: A;
}

/**
 * A DataLoader for fields that take arguments (asOf, first, after, status...). Keys that share the
 * same arguments are answered by ONE call of `load` with every parent id, so a list field nested
 * under a page costs one SQL statement per distinct argument set, whatever the page size.
 */
export function groupedLoader<A, V>(
  load: (args: A, ids: string[]) => Promise<Map<string, V>>,
  missing: (args: A) => V,
): DataLoader<KeyWithArgs<A>, V, string> {
  return new DataLoader<KeyWithArgs<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; ids: string[] }>();
      for (const key of keys) {
        const g = JSON.stringify(key.args);
        const group = groups.get(g) ?? groups.set(g, { args: key.args, ids: [] }).get(g)!;
        group.ids.push(key.id); // DataLoader de-duplicates keys, so ids are distinct
      }
      const answers = new Map<string, Map<string, V>>();
      await Promise.all([...groups].map(async ([g, { args, ids }]) => answers.set(g, await load(args, ids))));
      return keys.map((key) => answers.get(JSON.stringify(key.args))!.get(key.id) ?? missing(key.args));
    },
    { cacheKeyFn: (key) => `${key.id}|${JSON.stringify(key.args)}` },
  );
}
