import type { ApolloServerPlugin } from '@apollo/server';
import { execute, ExecutionArgs, ExecutionResult, getOperationAST, GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import type { DataSourceOptions } from 'typeorm';
import { WebSocketServer } from 'ws';
import { AppServices, createContext } from '../graphql/context';
import { createFormatError } from '../graphql/format-error';
import { queryLimitError } from '../http/limits/query-limits';
import { EventExecutions } from './event-execution';
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
  const executions = new EventExecutions(services);
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const refuseOverLimit = (args: ExecutionArgs): ExecutionResult | null => {
    const operation = getOperationAST(args.document, args.operationName);
    const error = operation && queryLimitError(services.config, { ...args, operation, variables: args.variableValues });
    return error ? { errors: [error] } : null;
  };
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const cleanup = useServer(
    {
      schema,
      // Writes over the socket authenticate like HTTP ones: connectionParams { authorization: 'Bearer <key>' }.
      context: ({ extra, connectionParams }): SubscriptionContext => ({
        ...createContext(services, typeof connectionParams?.authorization === 'string' ? connectionParams.authorization : undefined),
        events,
        closeConnection: (code, reason) => extra.socket.close(code, reason),
      }),
      // The HTTP path's limits on depth, aliases and cost hold here too.
      execute: (args) => refuseOverLimit(args) ?? execute(args),
      subscribe: (args) => refuseOverLimit(args) ?? executions.subscribe(args),
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

function connectionStringOf(options: DataSourceOptions): string {
  if (options.type !== 'postgres' || !options.url) throw new Error('subscriptions need a Postgres data source configured by url');
  return options.url;
}
