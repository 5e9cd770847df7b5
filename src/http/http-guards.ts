import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import type { AppServices } from '../graphql/context';
import type { CallerIdentifier } from './caller';
import { corsPolicy } from './cors';
import { graphqlOverHttpPlugin } from './graphql-over-http.plugin';
import { queryLimitsPlugin } from './limits/query-limits.plugin';
import type { QueryLimits } from './limits/query-limits';
import { anonymousRateLimit, ClientBudget } from './rate-limit';
import { requestLog } from './request-log';
import { securityHeaders } from './security-headers';

/** The paths anonymous callers pay for out of their budget: the API and the exports. */
// Every route that reads the database on an anonymous caller's behalf.
const BUDGETED_PATHS = ['/graphql', '/export', '/calendar.ics', '/commitments', '/feeds', '/import'];

/**
 * What stands in front of every route: proxy trust (so req.ip is the client's), request ids and
 * logs, security headers, CORS, who the caller is, and the anonymous rate limit on the API and
 * the exports. Mounted before any route.
 */
export function mountHttpGuards(app: Express, services: AppServices, budget: ClientBudget, callers: CallerIdentifier): void {
  app.set('trust proxy', services.config.trustProxy);
  app.use(requestLog(services.log));
  app.use(securityHeaders());
  app.use(corsPolicy(services.config.corsOrigins));
  app.use(BUDGETED_PATHS, callers.middleware(), anonymousRateLimit(budget, services.log));
}

/** Apollo plugins for the query limits and the GraphQL-over-HTTP status codes. */
export function hardeningPlugins(limits: QueryLimits): ApolloServerPlugin[] {
  return [queryLimitsPlugin(limits), graphqlOverHttpPlugin()];
}
