import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode, execute, ExecutionArgs, ExecutionResult, getOperationAST, getVariableValues, GraphQLError, GraphQLSchema, validate,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { Extra, useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import type { DataSourceOptions } from 'typeorm';
import { WebSocketServer } from 'ws';
import { ANONYMOUS, AppServices, Caller, createContext } from '../graphql/context';
import { createFormatError } from '../graphql/format-error';
import type { CallerIdentifier } from '../http/caller';
import { clientAddress } from '../http/client-address';
import { DocumentLimits, parseBounded, preValidationLimitError } from '../http/limits/document-guard';
import { queryLimitError } from '../http/limits/query-limits';
import type { ClientBudget } from '../http/rate-limit';
import { CachedOperation, declaredVariables, fillWith, queryHashOf, ResponseCache } from '../response-cache/response-cache';
import { EventExecutions } from './event-execution';
import { EventStream } from './event-stream';
import { ReplayReader } from './replay-reader';
import type { SubscriptionContext } from './subscription-context';
import { websocketGate } from './websocket-guards';

export interface SubscriptionServer {
  /** Add to Apollo's plugins: on stop, closes every socket with 1001 (going away) and the feed. */
  drainPlugin: ApolloServerPlugin;
  events: EventStream;
}

export interface SubscriptionDeps {
  budget: ClientBudget;
  responseCache: ResponseCache;
  /** The query limits, with the table sizes whole-table reads are charged by. */
  limits: DocumentLimits;
  callers: CallerIdentifier;
}

/** Who is on the other end of one socket, decided once when it connects. */
interface Connection {
  caller: Caller;
  address: string | undefined;
}

const error = (code: string, message: string, extensions: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { code, ...extensions } });

/**
 * Serves subscriptions (and queries) over the graphql-ws protocol on the HTTP server's /graphql,
 * next to Apollo's: stock graphql-ws clients and Apollo Client's GraphQLWsLink connect unchanged.
 *
 * Every operation over a socket meets what the same operation meets over HTTP, in the same order
 * and with the same codes: the rate limit (each subscribe message counts against the caller's
 * budget), the token cap while parsing, the query limits before validation, validation, operation
 * resolution, the query limits with the variables, variable coercion. Messages are at most
 * MAX_BODY_BYTES; a socket runs at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION operations at once;
 * anonymous queries are answered from the response cache shared with HTTP.
 */
export async function attachSubscriptions(httpServer: Server, schema: GraphQLSchema, services: AppServices, deps: SubscriptionDeps): Promise<SubscriptionServer> {
  const { config, log } = services;
  const events = await EventStream.start({ ...services, connectionString: connectionStringOf(services.db.options) });
  const replays = new ReplayReader(services.anonymousDb ?? services.db, config);
  const formatError = createFormatError(log);
  const executions = new EventExecutions(services);
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const connections = new WeakMap<object, Connection>();
  /** Anonymous queries' cache keys, by the operation's context. */
  const cacheable = new WeakMap<object, Omit<CachedOperation, 'today'>>();

  const checkOperation = async (ctx: Context<Record<string, unknown>, Extra & Partial<Record<PropertyKey, never>>>, payload: SubscribePayload): Promise<ExecutionArgs | GraphQLError[]> => {
    const connection = connections.get(ctx) ?? { caller: ANONYMOUS, address: undefined };
    if (Object.keys(ctx.subscriptions).length > config.wsMaxSubscriptionsPerConnection) {
      return [error('TOO_MANY_SUBSCRIPTIONS', `At most ${config.wsMaxSubscriptionsPerConnection} operations may run at once on one connection (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one first.`, { limit: config.wsMaxSubscriptionsPerConnection })];
    }
    if (!connection.caller.keyed) {
      const charge = await deps.budget.charge(connection.address);
      if (!charge.allowed) return [error('RATE_LIMITED', deps.budget.refusal(charge.retryAfterSeconds), { limit: deps.budget.limit, retryAfterSeconds: charge.retryAfterSeconds })];
    }
    if (typeof payload.query !== 'string') return [error('BAD_REQUEST', 'The subscribe message needs a query (a string).')];
    let document: DocumentNode;
    try {
      document = parseBounded(payload.query, deps.limits);
    } catch (e) {
      return [error('GRAPHQL_PARSE_FAILED', e instanceof GraphQLError ? e.message : 'The query could not be parsed.')];
    }
    const variables = payload.variables ?? {};
    const early = preValidationLimitError(deps.limits, schema, document, payload.operationName, variables);
    if (early) return [early];
    const invalid = validate(schema, document);
    if (invalid.length) return invalid.map((e) => error('GRAPHQL_VALIDATION_FAILED', e.message, { locations: e.locations }));
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      const message = payload.operationName ? `Unknown operation named "${payload.operationName}".` : 'Must provide operation name if query contains multiple operations.';
      return [error('OPERATION_RESOLUTION_FAILURE', message)];
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return coerced.errors.map((e) => error('BAD_USER_INPUT', e.message));
    const overLimit = queryLimitError(deps.limits, { schema, document, operation, operationName: payload.operationName, variables });
    if (overLimit) return [overLimit];
    const declared = declaredVariables(operation, variables);
    const cacheKeyName = operation.name?.value ?? null; // what Apollo keys by, so both transports share entries
    const contextValue: SubscriptionContext = {
      // A socket lives long: its key is looked up again when an operation needs it, so a revoked key stops working at once.
      ...createContext(services, { ...connection.caller, key: undefined }),
      events,
      replays,
      closeConnection: (code, reason) => ctx.extra.socket.close(code, reason),
    };
    if (operation.operation === 'query' && !connection.caller.keyed) {
      cacheable.set(contextValue, { queryHash: queryHashOf(payload.query), operationName: cacheKeyName, variables: declared });
    }
    // Only the declared variables go on: the others are never read (see declaredVariables).
    return { schema, document, operationName: payload.operationName, variableValues: declared ?? {}, contextValue };
  };

  const executeQuery = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const key = cacheable.get(args.contextValue as object);
    const context = args.contextValue as SubscriptionContext;
    const lookup = key && (await deps.responseCache.lookup({ ...key, today: context.today }, context.dataVersion));
    if (lookup?.kind === 'hit') return lookup.value as ExecutionResult;
    const result = await execute(args);
    if (lookup) fillWith(lookup, result.errors ? null : (result as never));
    return result;
  };

  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.maxBodyBytes, verifyClient: websocketGate(config) });
  const cleanup = useServer<Record<string, unknown>>(
    {
      schema,
      // Writes over the socket authenticate like HTTP ones: connectionParams { authorization: 'Bearer <key>' }.
      onConnect: async (ctx) => {
        const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        const caller = await deps.callers.identify(authorization);
        connections.set(ctx, { caller, address: clientAddress(ctx.extra.request, config.trustProxy) });
        return true;
      },
      onSubscribe: (ctx, _id, payload) => checkOperation(ctx, payload),
      execute: (args) => executeQuery(args),
      subscribe: (args) => executions.subscribe(args),
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
