import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrapAdminKey } from './api-keys/api-key.service';
import { AppServices, createContext, RequestContext } from './graphql/context';
import { openAnonymousPool } from './db/anonymous-pool';
import { createFormatError } from './graphql/format-error';
import { attachSubscriptions } from './events/subscription-server';
import { buildApiSchema } from './graphql/schema';
import { healthRoutes } from './http/health.routes';
import { callerOf, CallerIdentifier } from './http/caller';
import { httpServerOptions, limitConnections } from './http/connection-limits';
import { graphqlBody } from './http/graphql-body';
import { refuseDocumentsOverLimits } from './http/limits/pre-validation.middleware';
import { TableRowEstimates } from './http/limits/table-rows';
import { createClientBudget } from './http/rate-limit';
import { hardeningPlugins, mountHttpGuards } from './http/http-guards';
import { httpErrorHandler } from './http/http-errors';
import { listenOn, urlHost } from './http/listen';
import { PublicUrl } from './http/public-url';
import { importRoutes } from './imports/import.routes';
import { pageRoutes } from './pages/pages.routes';
import { requestLogger } from './http/request-log';
import { ResponseCache } from './response-cache/response-cache';
import { responseCachePlugin } from './response-cache/response-cache.plugin';
import { graphqlCacheHeaders } from './http-cache/graphql-cache.middleware';
import { httpCachePlugin } from './http-cache/http-cache.plugin';
import { metricsRoutes, requestMetrics } from './metrics/metrics.routes';
import { startReadScaling } from './replicas/read-scaling';
import { uiRoutes } from './ui/ui.routes';
import { feedRoutes } from './feeds/feed.routes';
import { startWebhookDelivery } from './webhooks/webhook-dispatcher';

export interface RunningServer {
  url: string;
  /** Where users reach it: PUBLIC_URL, or this server's own address. */
  publicUrl: PublicUrl;
  port: number;
  /** Stops accepting work, lets in-flight requests finish, closes sockets. */
  stop(): Promise<void>;
}

/** The server's wiring: HTTP routes, Apollo on /graphql. Knows nothing of the domain. */
export async function startServer(primaryOnly: AppServices, port: number): Promise<RunningServer> {
  await bootstrapAdminKey(primaryOnly.db, primaryOnly.clock, primaryOnly.config.adminApiKey);
  const readScaling = await startReadScaling({ ...primaryOnly, anonymousDb: await openAnonymousPool(primaryOnly.db, primaryOnly.config) });
  const services = readScaling.services;
  const schema = await buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  // Validators come from the data version (src/http-cache), never from hashing a body already computed.
  app.set('etag', false);
  const httpServer = createServer(httpServerOptions(services.config), app);
  limitConnections(httpServer, services.config);
  const publicUrl = new PublicUrl(services.config);
  const tableRows = new TableRowEstimates(services.db, services.log);
  await tableRows.start();
  const limits = { ...services.config, tableRows: () => tableRows.current() };
  const budget = createClientBudget(services.config);
  const callers = new CallerIdentifier(services);
  const responseCache = new ResponseCache(services.config, services.log);
  const subscriptions = await attachSubscriptions(httpServer, schema, services, { budget, responseCache, limits, callers });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // src/main.ts owns SIGINT/SIGTERM and stops everything in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createFormatError(services.log),
    // Parsing stops at the first token past the cap, so a huge document costs no more than that.
    parseOptions: { maxTokens: services.config.maxQueryTokens },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      subscriptions.drainPlugin,
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are unused here, and the plugin's per-field hook makes Apollo wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...hardeningPlugins(limits),
      httpCachePlugin(services),
      responseCachePlugin(responseCache),
    ],
  });
  await apollo.start();

  app.use(requestMetrics());
  mountHttpGuards(app, services, budget, callers);
  app.use(healthRoutes(services));
  app.use(metricsRoutes());
  app.use(uiRoutes(services, publicUrl));
  app.use(pageRoutes(services, schema, publicUrl));
  app.use(importRoutes(services));
  app.use(feedRoutes(services, publicUrl));
  app.use(
    '/graphql',
    graphqlCacheHeaders(),
    ...graphqlBody(services.config.maxBodyBytes),
    refuseDocumentsOverLimits(limits, schema),
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        createContext({ ...services, log: requestLogger(res, services.log) }, callerOf(res), { minDataVersion: res.locals.minDataVersion ?? 0 }),
    }),
  );
  app.use(httpErrorHandler(services.log));

  await listenOn(httpServer, services.config.host, port);
  const { address, port: actualPort } = httpServer.address() as AddressInfo;
  publicUrl.listening(actualPort);
  const webhooks = await startWebhookDelivery(services, subscriptions.events);
  services.log.info({ address, port: actualPort }, `GraphQL at http://${urlHost(address)}:${actualPort}/graphql`);
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    publicUrl,
    port: actualPort,
    stop: async () => {
      await webhooks.stop();
      await apollo.stop();
      tableRows.stop();
      await readScaling.stop();
      if (services.anonymousDb?.isInitialized) await services.anonymousDb.destroy();
    },
  };
}
