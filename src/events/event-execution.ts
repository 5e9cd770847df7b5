import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, print } from 'graphql';
import { AppServices, createContext, RequestContext } from '../graphql/context';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * How subscription events are executed: each event with a context of its own, shared by everyone
 * who receives that very event object from the live stream.
 *
 * - Fresh per event: no DataLoader cache outlives an event, so a subscriber open for a week never
 *   sees a commitment as it was when it subscribed.
 * - Shared per event: a field such as `commitment { title }` is read once per event, not once per
 *   subscriber; and subscribers running the same operation with the same variables (a thousand
 *   copies of one dashboard) share one execution, so a write costs one execution, not a thousand.
 */
export class EventExecutions {
  private readonly perEvent = new WeakMap<object, { context: RequestContext; results: Map<string, Result> }>();

  constructor(private readonly services: AppServices) {}

  execute(event: object, operationKey: string, args: ExecutionArgs): Result {
    let entry = this.perEvent.get(event);
    if (!entry) this.perEvent.set(event, (entry = { context: createContext(this.services), results: new Map() }));
    let result = entry.results.get(operationKey);
    if (!result) entry.results.set(operationKey, (result = execute({ ...args, rootValue: event, contextValue: entry.context })));
    return result;
  }

  /** graphql-js's subscribe, with each event executed by execute() above. */
  async subscribe(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const operationKey = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null]);
    const events = source[Symbol.asyncIterator]();
    const results: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const next = await events.next();
        if (next.done) return next;
        return { value: await this.execute(next.value as object, operationKey, args), done: false };
      },
      return: async () => {
        await events.return?.();
        return { value: undefined, done: true };
      },
      throw: async (error) => {
        await events.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => results,
    };
    return results;
  }
}
