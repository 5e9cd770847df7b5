import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import type { Config } from '../config';
import type { AppServices } from '../graphql/context';
import { corsPolicy } from './cors';
import { graphqlOverHttpPlugin } from './graphql-over-http.plugin';
import { queryLimitsPlugin } from './limits/query-limits.plugin';
import { anonymousRateLimit } from './rate-limit';
import { requestLog } from './request-log';

/**
 * What stands in front of every route: proxy trust (so req.ip is the client's), request ids and
 * logs, CORS, and the anonymous rate limit on /graphql. Mounted before any route.
 */
export function mountHttpGuards(app: Express, services: AppServices): void {
  app.set('trust proxy', services.config.trustProxy);
  app.use(requestLog(services.log));
  app.use(corsPolicy(services.config.corsOrigins));
  app.use('/graphql', anonymousRateLimit(services));
}

/** Apollo plugins for the query limits and the GraphQL-over-HTTP status codes. */
export function hardeningPlugins(config: Config): ApolloServerPlugin[] {
  return [queryLimitsPlugin(config), graphqlOverHttpPlugin()];
}
