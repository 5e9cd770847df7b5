import type { ApolloServerPlugin } from '@apollo/server';
import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import type { DataSourceOptions } from 'typeorm';
import { WebSocketServer } from 'ws';
import { AppServices, createContext } from '../graphql/context';
import { createFormatError } from '../graphql/format-error';
import { EventStream } from './event-stream';
import type { SubscriptionContext } from './subscription-context';

export interface SubscriptionServer {
  /** Add to Apollo's plugins: on stop, closes every socket with 1001 (going away) and the feed. */
  drainPlugin: ApolloServerPlugin;
  events: EventStream;
}

/**
 * Serves subscriptions over the graphql-ws protocol on the HTTP server's /graphql, next to
 * Apollo's queries: stock graphql-ws clients and Apollo Client's GraphQLWsLink connect unchanged.
 */
export async function attachSubscriptions(httpServer: Server, schema: GraphQLSchema, services: AppServices): Promise<SubscriptionServer> {
  const events = await EventStream.start({ ...services, connectionString: connectionStringOf(services.db.options) });
  const formatError = createFormatError(services.log);
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const cleanup = useServer(
    {
      schema,
      context: ({ extra }): SubscriptionContext => ({
        ...createContext(services),
        events,
        closeConnection: (code, reason) => extra.socket.close(code, reason),
      }),
      subscribe: (args) => subscribeWithFreshContexts(args, services),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
  );
  return {
    events,
    drainPlugin: {
      async serverWillStart() {
        return {
          async drainServer() {
            await cleanup.dispose();
            await events.stop();
          },
        };
      },
    },
  };
}

/**
 * graphql-js's subscribe, except that each event is executed with a context of its own, so
 * DataLoader caches never outlive one event: a subscriber open for a week must not see the
 * commitment as it was when it subscribed.
 */
async function subscribeWithFreshContexts(args: ExecutionArgs, services: AppServices): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source[Symbol.asyncIterator]();
  const results: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      const next = await events.next();
      if (next.done) return next;
      return { value: await execute({ ...args, rootValue: next.value, contextValue: createContext(services) }), done: false };
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

function connectionStringOf(options: DataSourceOptions): string {
  if (options.type !== 'postgres' || !options.url) throw new Error('subscriptions need a Postgres data source configured by url');
  return options.url;
}
