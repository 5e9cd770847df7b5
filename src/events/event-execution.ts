import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, GraphQLError, print } from 'graphql';
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
 * - Bounded per event: at most WS_MAX_DISTINCT_OPERATIONS distinct operations (text and variables)
 *   are live at once, so the executions one event causes are bounded whatever clients send; a
 *   subscription that would add one more is refused, one that joins a live operation never is.
 */
export class EventExecutions {
  private readonly perEvent = new WeakMap<object, { context: RequestContext; results: Map<string, Result> }>();
  /** Live subscriptions per distinct operation. */
  private readonly live = new Map<string, number>();

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
    // Variables reach here as declared by the operation only (see the WebSocket server's onSubscribe).
    const operationKey = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null]);
    const cap = this.services.config.wsMaxDistinctOperations;
    if (!this.live.has(operationKey) && this.live.size >= cap) {
      return {
        errors: [
          new GraphQLError(
            `This server already runs ${cap} distinct subscription operations (WS_MAX_DISTINCT_OPERATIONS); subscribe with an operation and variables already in use, or retry later.`,
            { extensions: { code: 'SUBSCRIPTION_CAPACITY', limit: cap } },
          ),
        ],
      };
    }
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    this.live.set(operationKey, (this.live.get(operationKey) ?? 0) + 1);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const left = (this.live.get(operationKey) ?? 1) - 1;
      if (left > 0) this.live.set(operationKey, left);
      else this.live.delete(operationKey);
    };
    const events = source[Symbol.asyncIterator]();
    const results: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const next = await events.next();
        if (next.done) {
          end();
          return next;
        }
        return { value: await this.execute(next.value as object, operationKey, args), done: false };
      },
      return: async () => {
        end();
        await events.return?.();
        return { value: undefined, done: true };
      },
      throw: async (error) => {
        end();
        await events.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => results,
    };
    return results;
  }
}
