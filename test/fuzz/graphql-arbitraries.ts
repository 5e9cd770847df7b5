import fc from 'fast-check';
import {
  getNamedType, getNullableType, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema, isEnumType, isInputObjectType,
  isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';

/**
 * fast-check arbitraries for GraphQL documents drawn from a schema: random selections of real fields
 * with arguments that are mostly plausible (real ids and cursors, real and impossible dates, page
 * sizes around the limits) and sometimes of the wrong type altogether.
 */
export interface Samples {
  ids: string[];
  cursors: string[];
  partyCodes: string[];
}

const base64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export function scalarValues(samples: Samples) {
  const date = fc.oneof(
    { weight: 6, arbitrary: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '2026-1-5', '20260105', '', 'today') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const id = fc.oneof(
    fc.constantFrom(...samples.ids),
    fc.string({ maxLength: 30 }),
    fc.tuple(fc.constantFrom('Commitment', 'FollowUp', 'Party', 'Nope', ''), fc.oneof(fc.nat().map(String), fc.string({ maxLength: 8 }))).map(([t, i]) => base64url(`${t}:${i}`)),
  );
  const cursor = fc.oneof(
    fc.constantFrom(...samples.cursors),
    fc.jsonValue({ maxDepth: 2 }).map((v) => base64url(JSON.stringify(v))),
    fc.string({ maxLength: 40 }),
  );
  const int = fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, 1, 100, 101, -1, 2147483647, -2147483648), fc.integer());
  return {
    date,
    id,
    cursor,
    int,
    string: fc.oneof(fc.constantFrom(...samples.partyCodes), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })),
    float: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
  };
}

/** A GraphQL literal of any kind, for "wrong type" arguments. */
const anyLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'null', 'OVERDUE', 'NOPE', '[]', '{}', '[1, "a"]', '{ status: [DONE] }'),
);

export function literalFor(type: GraphQLInputType, samples: Samples, argName: string, depth = 0): fc.Arbitrary<string> {
  const values = scalarValues(samples);
  const nullable = getNullableType(type) as GraphQLInputType;
  const typed: fc.Arbitrary<string> = (() => {
    if (isListType(nullable)) {
      return fc.array(literalFor(nullable.ofType, samples, argName, depth + 1), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    }
    if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((v) => v.name));
    if (isInputObjectType(nullable)) {
      if (depth > 2) return fc.constant('{}');
      const fields = Object.values(nullable.getFields());
      return fc
        .subarray(fields.filter((f) => !isNonNullType(f.type)))
        .map((optional) => [...fields.filter((f) => isNonNullType(f.type)), ...optional])
        .chain((chosen) => fc.tuple(...chosen.map((f) => literalFor(f.type, samples, f.name, depth + 1).map((v) => `${f.name}: ${v}`))))
        .map((parts) => `{ ${parts.join(', ')} }`);
    }
    if (isScalarType(nullable)) {
      const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v));
      switch (nullable.name) {
        case 'Int': return values.int.map(String);
        case 'Float': return values.float.map(String);
        case 'Boolean': return values.boolean.map(String);
        case 'Date': return json(values.date);
        case 'ID': return json(values.id);
        case 'DateTime': return json(fc.oneof(values.date, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())));
        default: return json(/after|cursor/i.test(argName) ? values.cursor : values.string);
      }
    }
    return anyLiteral;
  })();
  // Mostly well-typed, so that documents with many arguments still often pass validation.
  return fc.oneof({ weight: 40, arbitrary: typed }, { weight: 1, arbitrary: anyLiteral }, { weight: 1, arbitrary: fc.constant('null') });
}

function argumentsFor(field: GraphQLField<unknown, unknown>, samples: Samples): fc.Arbitrary<string> {
  if (!field.args.length) return fc.constant('');
  // Required arguments always, so most documents pass validation and reach the resolvers.
  return fc
    .subarray(field.args.filter((a) => !isNonNullType(a.type)))
    .map((optional) => [...field.args.filter((a) => isNonNullType(a.type)), ...optional])
    .chain((args) => fc.tuple(...args.map((a) => literalFor(a.type, samples, a.name).map((v) => `${a.name}: ${v}`))))
    .map((parts) => (parts.length ? `(${parts.join(', ')})` : ''));
}

/** A selection set on `type`, at most `depth` levels deep. */
export function selectionFor(schema: GraphQLSchema, type: GraphQLNamedType, samples: Samples, depth: number): fc.Arbitrary<string> {
  if (!isObjectType(type) && !isInterfaceType(type)) return fc.constant('{ __typename }');
  const fields = Object.values(type.getFields());
  const usable = depth <= 1 ? fields.filter((f) => isLeafType(getNamedType(f.type))) : fields;
  const pool = usable.length ? usable : fields.slice(0, 1);
  // Aliases are unique within a selection set, or same-named fields with different arguments conflict.
  const fieldSelection = (f: GraphQLField<unknown, unknown>, index: number) => {
    const named = getNamedType(f.type);
    const sub = isLeafType(named) ? fc.constant('') : selectionFor(schema, named, samples, depth - 1).map((s) => ` ${s}`);
    return fc.tuple(argumentsFor(f, samples), sub, fc.boolean()).map(([args, s, aliased]) => `${aliased ? `${f.name}_${index}: ` : ''}${f.name}${args}${s}`);
  };
  const fragments = isInterfaceType(type)
    ? fc.subarray(schema.getPossibleTypes(type) as GraphQLNamedType[], { maxLength: 2 }).chain((ts) =>
        fc.tuple(...ts.map((t) => selectionFor(schema, t, samples, depth - 1).map((s) => `... on ${t.name} ${s}`))),
      )
    : fc.constant([] as string[]);
  return fc
    .tuple(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }).chain((fs) => fc.tuple(...fs.map((f, i) => fieldSelection(f, i)))), fragments, fc.boolean())
    .map(([parts, frags, typename]) => `{ ${[...parts, ...frags, ...(typename ? ['__typename'] : [])].join(' ')} }`);
}

/** A whole query: random root fields of Query with random arguments and selections. */
export function queryDocument(schema: GraphQLSchema, samples: Samples): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: 6 }).chain((depth) => selectionFor(schema, schema.getQueryType()!, samples, depth)).map((s) => `query ${s}`);
}

/** Small random edits (deletions, insertions, swaps) that turn a valid document into a malformed one. */
export function mangled(document: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'duplicate'), fc.constantFrom('{', '}', '(', ')', ':', '$', '"', '\\', '...', '@skip', '#', '\u0000', '\u{1F600}', ' ', 'query', ','));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let doc = document;
    for (const [at, kind, token] of edits) {
      const i = doc.length ? at % doc.length : 0;
      if (kind === 'delete') doc = doc.slice(0, i) + doc.slice(i + 1 + (at % 5));
      else if (kind === 'insert') doc = doc.slice(0, i) + token + doc.slice(i);
      else doc = doc.slice(0, i) + doc.slice(i, i + 20) + doc.slice(i);
    }
    return doc;
  });
}

/** A mutation with exactly one root field, so a refusal can be checked to have written nothing. */
export function mutationDocument(schema: GraphQLSchema, samples: Samples): fc.Arbitrary<string> {
  const fields = Object.values(schema.getMutationType()!.getFields());
  return fc
    .constantFrom(...fields)
    .chain((f) => fc.tuple(argumentsFor(f, samples), selectionFor(schema, getNamedType(f.type), samples, 3)).map(([args, sel]) => `mutation { ${f.name}${args} ${sel} }`));
}

/**
 * A document of zero to three operations (named, anonymous, or both: some of them invalid
 * together) with an operationName that names one of them, none of them, or is not a string.
 */
export function operationNamePair(schema: GraphQLSchema, samples: Samples): fc.Arbitrary<{ query: string; operationName: unknown }> {
  const names = ['A', 'B', 'C'];
  const operation = fc.tuple(fc.constantFrom(...names, ''), queryDocument(schema, samples)).map(([name, doc]) => doc.replace(/^query /, `query ${name} `));
  const operationName = fc.oneof(fc.constantFrom(...names, 'Nope', '', null, undefined), fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }));
  return fc.record({ query: fc.array(operation, { minLength: 0, maxLength: 3 }).map((ops) => ops.join('\n')), operationName });
}

/** Variables with an unused one of any depth, up to thousands of levels (as JSON text: JSON.stringify cannot write the deepest). */
export function deepVariablesJson(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom('[', '{"x":')).map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"unused":${open.repeat(depth)}1${close.repeat(depth)}}`;
  });
}
