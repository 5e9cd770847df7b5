import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { AppServices, RequestContext } from '../graphql/context';
import { entityTag } from '../http/conditional-get';
import { currentDataVersion } from '../response-cache/data-version.repository';
import { DATA_VERSION_HEADER, ifNoneMatchNames, NOT_STORED, publicCacheControl } from './cache-policy';

/**
 * HTTP caching of GraphQL answers, so that nginx, Varnish or a CDN can serve reads:
 *
 * - An anonymous query over GET gets an ETag and `Cache-Control: public, max-age…`. The tag is
 *   made of what decides the answer: the data version it was read at, the day (fields without an
 *   asOf answer for today), the operation (Apollo's query hash, the same for a persisted query's
 *   hash alone and for its text) and the variables. Equal on every server, so caches in front of
 *   several agree. A matching If-None-Match is answered 304 before anything runs.
 * - Everything else (POST, a key, a mutation, any error) is `private, no-store`: a POST is not
 *   cacheable anyway, a keyed answer may show what only keys may, and an error (a persisted query
 *   not found yet, above all) must not be handed to the next client.
 * - Every answer carries X-Data-Version: for a read, the version of the database it read; for a
 *   mutation, the primary's version after it committed, which the writer sends back as
 *   X-Min-Data-Version to read its own write from any server and any cache. A request refused
 *   before it read anything (a parse error, a query limit) gets the newest version this server has
 *   seen instead, so that refusing stays free of SQL.
 *
 * Listed before the response cache, so a 304 costs one data-version read and nothing else.
 */
export function httpCachePlugin({ db: primary, config }: AppServices): ApolloServerPlugin<RequestContext> {
  const cacheable = publicCacheControl(config);
  let newestSeen: number | undefined;
  return {
    async requestDidStart({ request }) {
      const headers = request.http?.headers;
      const publicRead = request.http?.method === 'GET' && !headers?.get('authorization');
      let etag: string | undefined;
      let notModified = false;
      // Set once the operation got past parsing, validation and the limits: it then reads (or answers from the response cache, which read the version).
      let reachedExecution = false;
      return {
        async responseForOperation({ operation, operationName, queryHash, request, contextValue }) {
          reachedExecution = true;
          if (!publicRead || operation?.operation !== 'query') return null;
          try {
            const version = await contextValue.dataVersion();
            etag = entityTag([version, contextValue.today, queryHash ?? '', operationName ?? '', JSON.stringify(request.variables ?? {})]);
          } catch {
            return null; // no validator; the operation meets the same database failure and reports it
          }
          if (!ifNoneMatchNames(headers?.get('if-none-match'), etag)) return null;
          notModified = true;
          return { body: { kind: 'single', singleResult: {} }, http: { status: 304, headers: new HeaderMap() } };
        },
        async willSendResponse(requestContext) {
          const { response } = requestContext;
          const version = reachedExecution ? await versionToReport(requestContext, primary) : newestSeen;
          if (version !== undefined) {
            newestSeen = Math.max(newestSeen ?? 0, version);
            response.http.headers.set(DATA_VERSION_HEADER.toLowerCase(), String(version));
          }
          const body = response.body;
          const succeeded = body.kind === 'single' && !body.singleResult.errors && (response.http.status ?? 200) === 200;
          if (etag && (notModified || succeeded)) {
            response.http.headers.set('etag', etag);
            response.http.headers.set('cache-control', cacheable);
          } else {
            response.http.headers.set('cache-control', NOT_STORED);
          }
        },
      };
    },
  };
}

/** The data version an answer reflects; undefined when it cannot be read (the database is down). */
async function versionToReport(requestContext: GraphQLRequestContextWillSendResponse<RequestContext>, primary: AppServices['db']): Promise<number | undefined> {
  try {
    // A mutation has committed by now: the primary's version includes it (and perhaps later writes, which is still "at least").
    if (requestContext.operation?.operation === 'mutation') {
      // One write that recorded the version it committed as: that is the version after it.
      const committed = requestContext.contextValue.committedDataVersion;
      if (committed !== undefined && requestContext.operation.selectionSet.selections.length === 1) return committed;
      return await currentDataVersion(primary);
    }
    return await requestContext.contextValue.dataVersion();
  } catch {
    return undefined;
  }
}
