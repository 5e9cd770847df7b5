import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildApiSchema, printApiSchema } from '../src/graphql/schema';

const root = path.resolve(__dirname, '..');

/**
 * Parts of the contract that are being built on other branches while this one lands: each entry
 * names a type, a field (Type.field) or an argument (Type.field(arg)). Whoever builds one deletes
 * its entry, so the test then holds it to the contract; the list must end empty.
 *   Webhooks: the "feeds" branch (issue 14).
 */
describe('schema.graphql', () => {
  it('is exactly what the code builds (run `npm run schema` after changing the API)', async () => {
    const printed = printApiSchema(await buildApiSchema());
    expect(readFileSync(path.join(root, 'schema.graphql'), 'utf8')).toBe(printed);
  });

  it('holds every type, field, argument and enum value of the API contract, with the same types', async () => {
    // test/fixtures/api-contract.graphql is a copy of the contract outside scripts depend on.
    const contract = buildSchema(readFileSync(path.join(__dirname, 'fixtures', 'api-contract.graphql'), 'utf8'));
    const schema = await buildApiSchema();
    const gaps: string[] = [];
    for (const [name, want] of Object.entries(contract.getTypeMap())) {
      if (name.startsWith('__')) continue;
      const have = schema.getType(name) as GraphQLNamedType | undefined;
      if (!have) {
        gaps.push(`missing type ${name}`);
        continue;
      }
      if (isEnumType(want) && isEnumType(have)) {
        for (const v of want.getValues()) if (!have.getValue(v.name)) gaps.push(`missing ${name}.${v.name}`);
      }
      if ((isObjectType(want) || isInterfaceType(want) || isInputObjectType(want)) && 'getFields' in have) {
        const fields = (have as typeof want).getFields() as Record<string, { type: unknown; args?: readonly { name: string; type: unknown; defaultValue?: unknown }[] }>;
        for (const f of Object.values(want.getFields()) as { name: string; type: unknown; args?: readonly { name: string; type: unknown }[] }[]) {
          const h = fields[f.name];
          if (!h) {
            gaps.push(`missing ${name}.${f.name}`);
            continue;
          }
          if (String(h.type) !== String(f.type)) gaps.push(`${name}.${f.name} is ${h.type}, contract says ${f.type}`);
          for (const a of f.args ?? []) {
            const ha = h.args?.find((x) => x.name === a.name);
            if (!ha || String(ha.type) !== String(a.type)) gaps.push(`${name}.${f.name}(${a.name}) differs`);
          }
          for (const ha of h.args ?? []) {
            const extraRequired = String(ha.type).endsWith('!') && ha.defaultValue === undefined && !(f.args ?? []).some((a) => a.name === ha.name);
            if (extraRequired) gaps.push(`${name}.${f.name}(${ha.name}) is required but not in the contract`);
          }
        }
      }
      if (isObjectType(want) && isObjectType(have)) {
        for (const i of want.getInterfaces()) if (!have.getInterfaces().some((x) => x.name === i.name)) gaps.push(`${name} does not implement ${i.name}`);
      }
    }
    expect(gaps).toEqual([]);
  });
});
