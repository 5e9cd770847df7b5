import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { PartyResolver } from '../parties/party.resolver';
import { SourceCitationResolver, SourceResolver } from '../sources/source.resolver';
import './enums';

/** Every resolver class of the API. */
export const resolvers = [PartyResolver, SourceResolver, SourceCitationResolver] as const;

export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    // Input is checked by each service, which names the field at fault; no class-validator pass.
    validate: false,
  });
}

/** The SDL committed as schema.graphql: sorted, so the file changes only when the API does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
