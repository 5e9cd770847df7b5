import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import { answersWithPlainJson } from '../graphql-over-http.plugin';
import { DocumentLimits, parseBounded, preValidationLimitError } from './document-guard';

const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** A GET request's variables arrive as JSON text; anything unreadable is Apollo's to refuse. */
function variablesOf(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string') return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The query limits on /graphql before Apollo parses and validates (see preValidationLimitError).
 * A document that does not parse (or has more than MAX_QUERY_TOKENS tokens) is passed on: Apollo
 * parses with the same token cap and reports GRAPHQL_PARSE_FAILED in its own words. A refusal has
 * the status and media type Apollo would give the same error (see graphqlOverHttpPlugin).
 */
export function refuseDocumentsOverLimits(limits: DocumentLimits, schema: GraphQLSchema): RequestHandler {
  return (req, res, next) => {
    const params = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    const query = params?.query;
    if (typeof query !== 'string') return next();
    let error;
    try {
      const operationName = typeof params?.operationName === 'string' ? params.operationName : undefined;
      error = preValidationLimitError(limits, schema, parseBounded(query, limits), operationName, variablesOf(params?.variables));
    } catch {
      return next();
    }
    if (!error) return next();
    const plain = answersWithPlainJson(req.get('accept'));
    const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
    res
      .status(plain ? 200 : 400)
      .type(plain ? 'application/json' : GRAPHQL_RESPONSE_TYPE)
      .send(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
  };
}
