import { graphql, GraphQLError, GraphQLSchema } from 'graphql';
import { AppServices, createContext } from '../graphql/context';

/**
 * Server-rendered pages read through the public GraphQL API itself, executed in this process with
 * an anonymous context: a page can show nothing an anonymous API client could not ask for, and
 * every rule of the API (asOf, status, validation) applies to it unchanged.
 */
export interface ApiReader {
  read<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** An API answer with errors; `code` is the first error's extensions.code. */
export class ApiReadError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors[0]?.message ?? 'GraphQL error');
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code as string | undefined;
  }
  /** The error as thrown inside a resolver, e.g. a database failure, when there is one. */
  get original(): Error | undefined {
    return this.errors.find((e) => e.originalError)?.originalError ?? undefined;
  }
}

export function apiReader(services: AppServices, schema: GraphQLSchema): ApiReader {
  return {
    async read<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue: createContext(services) });
      if (result.errors?.length) throw new ApiReadError(result.errors);
      // As a client receives it: scalars such as DateTime become their JSON text.
      return JSON.parse(JSON.stringify(result.data)) as T;
    },
  };
}
