import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApiSchema, printApiSchema } from './graphql/schema';

/** `npm run schema`: writes schema.graphql from the code. test/schema-file.test.ts keeps it honest. */
buildApiSchema().then((schema) => {
  const file = path.resolve(__dirname, '..', '..', 'schema.graphql');
  writeFileSync(file, printApiSchema(schema));
  console.log(`wrote ${file}`);
});
