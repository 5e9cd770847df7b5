import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrapAdminKey } from './api-keys/api-key.service';
import { AppServices, createContext, RequestContext } from './graphql/context';
import { createFormatError } from './graphql/format-error';
import { attachSubscriptions } from './events/subscription-server';
import { buildApiSchema } from './graphql/schema';
import { healthRoutes } from './http/health.routes';
import { graphqlBody } from './http/graphql-body';
import { hardeningPlugins, mountHttpGuards } from './http/http-guards';
import { httpErrorHandler } from './http/http-errors';
import { listenOn, urlHost } from './http/listen';
import { PublicUrl } from './http/public-url';
import { importRoutes } from './imports/import.routes';
import { pageRoutes } from './pages/pages.routes';
import { requestLogger } from './http/request-log';
import { responseCachePlugin } from './response-cache/response-cache.plugin';
import { graphqlCacheHeaders } from './http-cache/graphql-cache.middleware';
import { httpCachePlugin } from './http-cache/http-cache.plugin';
import { metricsRoutes, requestMetrics } from './metrics/metrics.routes';
import { startReadScaling } from './replicas/read-scaling';
import { uiRoutes } from './ui/ui.routes';

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
  const readScaling = await startReadScaling(primaryOnly);
  const services = readScaling.services;
  const schema = await buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  // Validators come from the data version (src/http-cache), never from hashing a body already computed.
  app.set('etag', false);
  const httpServer = createServer(app);
  const publicUrl = new PublicUrl(services.config);
  const subscriptions = await attachSubscriptions(httpServer, schema, services);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // src/main.ts owns SIGINT/SIGTERM and stops everything in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: createFormatError(services.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      subscriptions.drainPlugin,
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are unused here, and the plugin's per-field hook makes Apollo wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...hardeningPlugins(services.config),
      httpCachePlugin(services),
      responseCachePlugin(services),
    ],
  });
  await apollo.start();

  app.use(requestMetrics());
  mountHttpGuards(app, services);
  app.use(healthRoutes(services));
  app.use(metricsRoutes());
  app.use(uiRoutes(services));
  app.use(pageRoutes(services, schema, publicUrl));
  app.use(importRoutes(services));
  app.use(
    '/graphql',
    graphqlCacheHeaders(),
    ...graphqlBody(services.config.maxBodyBytes),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext({ ...services, log: requestLogger(res, services.log) }, req.headers.authorization, { minDataVersion: res.locals.minDataVersion ?? 0 }),
    }),
  );
  app.use(httpErrorHandler(services.log));

  await listenOn(httpServer, services.config.host, port);
  const { address, port: actualPort } = httpServer.address() as AddressInfo;
  publicUrl.listening(actualPort);
  services.log.info({ address, port: actualPort }, `GraphQL at http://${urlHost(address)}:${actualPort}/graphql`);
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    publicUrl,
    port: actualPort,
    stop: async () => {
      await apollo.stop();
      await readScaling.stop();
    },
  };
}
