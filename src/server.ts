import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppServices, createContext, RequestContext } from './graphql/context';
import { createFormatError } from './graphql/format-error';
import { buildApiSchema } from './graphql/schema';
import { healthRoutes } from './http/health.routes';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting work, lets in-flight requests finish, closes sockets. */
  stop(): Promise<void>;
}

/** The server's wiring: HTTP routes, Apollo on /graphql. Knows nothing of the domain. */
export async function startServer(services: AppServices, port: number): Promise<RunningServer> {
  const schema = await buildApiSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(services.log),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use(healthRoutes(services));
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(services, req.headers.authorization) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const actualPort = (httpServer.address() as AddressInfo).port;
  services.log.info({ port: actualPort }, `GraphQL at http://localhost:${actualPort}/graphql`);
  return {
    url: `http://localhost:${actualPort}/graphql`,
    port: actualPort,
    stop: () => apollo.stop(),
  };
}
