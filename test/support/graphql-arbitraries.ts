import * as fc from 'fast-check';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
} from 'graphql';

/**
 * fast-check arbitraries walked from a GraphQL schema: argument values for every input type
 * (mostly well typed, sometimes not), shallow selection sets, and whole documents with their
 * variables. For the fuzz test (test/e2e/fuzz.e2e-spec.ts): what the server must answer with a
 * known error code, never an internal one.
 */

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

const vietnamese = fc.constantFrom(
  'Nguyễn Văn An',
  'Lê Thị Hồng Nhung',
  'Đèn đường hỏng ở tổ 3, khu phố Ưu Đàm',
  'Phường An Biên',
  'khiếu nại, tố cáo, kiến nghị, phản ánh',
  'Ỷ Lan ỹ ữ ự ậ ẫ',
  'Cán bộ tiếp dân thái độ không đúng mực',
);

/** `YYYY-MM-DD`-shaped strings, real days or not (Day fields are strings validated at the edge). */
const dayLike = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2026-02-30', '2025-02-29', '2024-02-29', '0000-00-00', '9999-12-31', '2026-1-1', '2026-04-31', '20260101'),
);

const dateTimeLike = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  dayLike.map((d) => `${d}T00:00:00.000Z`),
  fc.constantFrom('2026-02-30T10:00:00Z', '2026-01-01T25:61:00Z', '+275760-09-13T00:00:00.000Z', '1970-01-01', 'now'),
);

const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 20 });

const huge = fc
  .tuple(fc.constantFrom('a', 'ễ', '\u0000', ' ', '𝕏', 'Nguyễn '), fc.integer({ min: 200, max: 20000 }))
  .map(([c, n]) => c.repeat(n));

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\n',
  'null',
  '0',
  '-1',
  'NaN',
  "'; DROP TABLE report; --",
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  '../../etc/passwd',
  '<script>alert(1)</script>',
);

export interface ValueOptions {
  /** Ids that exist in the database (any entity), so some calls reach past "not found". */
  ids: readonly string[];
  /** Deepest input object generated in full; deeper ones get only their required fields' minimum. */
  maxDepth?: number;
}

/** Strings of every kind the API may meet. */
export function stringArb(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 3, arbitrary: vietnamese },
    { weight: 3, arbitrary: dayLike },
    { weight: 1, arbitrary: dateTimeLike },
    { weight: 2, arbitrary: controlText },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.emailAddress() },
    { weight: 2, arbitrary: oddStrings },
    ...(ids.length ? [{ weight: 1, arbitrary: fc.constantFrom(...ids) }] : []),
  );
}

const intArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -5, max: 200 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(2147483647, -2147483648, 2147483648, 1e15, 2 ** 53 + 2, 0.5, -0) },
);

const floatArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -10, max: 110, noNaN: true }),
  fc.constantFrom(1e308, -1e308, 5e-324),
);

/** A JSON value of any shape: the wrong type where the schema wants another. */
const anyJson = fc.jsonValue({ maxDepth: 2 });

function scalarArb(name: string, ids: readonly string[]): fc.Arbitrary<unknown> {
  switch (name) {
    case 'String':
      return stringArb(ids);
    case 'Int':
      return intArb;
    case 'Float':
      return floatArb;
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.oneof(
        { weight: 3, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid() },
        { weight: 3, arbitrary: fc.uuid() },
        { weight: 2, arbitrary: stringArb(ids) },
        { weight: 1, arbitrary: fc.integer() },
      );
    case 'DateTimeISO':
      return fc.oneof(
        { weight: 4, arbitrary: dateTimeLike },
        { weight: 1, arbitrary: stringArb(ids) },
        { weight: 1, arbitrary: intArb },
      );
    case 'JSONObject':
      return fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 5 }), anyJson);
    default:
      return fc.oneof(stringArb(ids), anyJson);
  }
}

/**
 * Values for an input type: well typed four times in five at each position, otherwise a null,
 * a wrong type, an unknown enum value, a missing required field or an unknown extra one.
 */
export function valueArb(type: GraphQLInputType, opts: ValueOptions, depth = 0): fc.Arbitrary<unknown> {
  const maxDepth = opts.maxDepth ?? 3;
  const wrong = fc.oneof(fc.constant(null), anyJson);
  if (isNonNullType(type)) {
    return fc.oneof({ weight: 12, arbitrary: valueArb(type.ofType, opts, depth) }, { weight: 1, arbitrary: wrong });
  }
  let typed: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    const item = valueArb(type.ofType as GraphQLInputType, opts, depth + 1);
    typed = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(item, { minLength: 50, maxLength: depth < 2 ? 400 : 60 }) },
      // A single value where a list is expected (GraphQL coerces it into a list of one).
      { weight: 1, arbitrary: item },
    );
  } else if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    typed = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: stringArb(opts.ids) });
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    const shown = depth < maxDepth ? fields : fields.filter((f) => required.includes(f.name));
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of shown) model[f.name] = valueArb(f.type, opts, depth + 1);
    const record = fc.record(model, { requiredKeys: required.filter((n) => n in model) });
    typed = fc.oneof(
      { weight: 10, arbitrary: record },
      {
        weight: 1,
        arbitrary: fc.tuple(record, fc.constantFrom(...(required.length ? required : ['unknownField']))).map(([r, drop]) => {
          const { [drop]: _dropped, ...rest } = r as Record<string, unknown>;
          return rest;
        }),
      },
      { weight: 1, arbitrary: record.map((r) => ({ ...(r as object), notAField: 1 })) },
    );
  } else if (isScalarType(type)) {
    typed = scalarArb(type.name, opts.ids);
  } else {
    typed = anyJson;
  }
  return fc.oneof({ weight: 10, arbitrary: typed }, { weight: 1, arbitrary: wrong });
}

/** The type as written in a variable definition (`[String!]!`). */
export const typeString = (type: GraphQLInputType): string => String(type);

/**
 * Prints a value as a GraphQL literal for the type, or undefined when it cannot be one (an
 * object key that is not a name). Enum values go unquoted when they look like names.
 */
export function literalOf(value: unknown, type: GraphQLInputType | undefined): string | undefined {
  const bare = type && isNonNullType(type) ? type.ofType : type;
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const item = bare && isListType(bare) ? (bare.ofType as GraphQLInputType) : undefined;
    const parts = value.map((v) => literalOf(v, item));
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  if (typeof value === 'object') {
    const fields = bare && isInputObjectType(bare) ? bare.getFields() : {};
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!GRAPHQL_NAME.test(k)) return undefined;
      const p = literalOf(v, fields[k]?.type);
      if (p === undefined) return undefined;
      parts.push(`${k}: ${p}`);
    }
    return `{${parts.join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (bare && isEnumType(bare) && GRAPHQL_NAME.test(value) && !['true', 'false', 'null'].includes(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return String(value);
}

type AnyField = GraphQLField<unknown, unknown>;

const fieldsOf = (type: GraphQLNamedType): AnyField[] =>
  isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];

const callableWithoutArgs = (f: AnyField) => !f.args.some(isRequiredArgument);

/**
 * A selection set for an output type: `__typename` and a random subset of its fields without
 * required arguments, objects nested up to `maxDepth`; '' for a leaf type.
 */
export function selectionArb(
  type: GraphQLOutputType,
  maxDepth = 2,
  depth = 0,
  memo = new Map<string, fc.Arbitrary<string>>(),
): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant('');
  const key = `${named.name}:${depth}`;
  const known = memo.get(key);
  if (known) return known;
  const candidates = fieldsOf(named).filter(callableWithoutArgs);
  const leaves = candidates.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const objects = depth < maxDepth ? candidates.filter((f) => !isLeafType(getNamedType(f.type))) : [];
  const placeholder = fc.constant('{ __typename }');
  memo.set(key, placeholder);
  const nested = objects.map((f) => selectionArb(f.type, maxDepth, depth + 1, memo).map((s) => `${f.name} ${s}`));
  const arb = fc
    .tuple(
      fc.subarray(leaves, { maxLength: Math.min(8, leaves.length) }),
      nested.length ? fc.subarray(nested, { maxLength: Math.min(3, nested.length) }) : fc.constant([]),
    )
    .chain(([ls, ns]) =>
      (ns.length ? fc.tuple(...(ns as [fc.Arbitrary<string>])) : fc.constant([] as string[])).map(
        (picked) => [ls, picked] as const,
      ),
    )
    .map(([ls, picked]) => `{ __typename ${[...ls, ...picked].join(' ')} }`);
  memo.set(key, arb);
  return arb;
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A whole operation on one root field: each argument as a variable (sometimes an inline
 * literal, sometimes left out), an alias now and then, a shallow selection of the result.
 */
export function operationArb(
  operation: 'query' | 'mutation',
  field: AnyField,
  opts: ValueOptions,
): fc.Arbitrary<GeneratedOperation> {
  const args = field.args.map((a) =>
    fc.record({
      value: valueArb(a.type, opts),
      how: fc.constantFrom('variable', 'variable', 'variable', 'literal', 'omitted'),
    }),
  );
  return fc
    .record({
      args: args.length ? fc.tuple(...(args as [fc.Arbitrary<{ value: unknown; how: string }>])) : fc.constant([]),
      alias: fc.option(fc.constantFrom('a', 'b', 'x_1'), { freq: 4 }),
      selection: selectionArb(field.type),
    })
    .map(({ args: values, alias, selection }) => {
      const defs: string[] = [];
      const passed: string[] = [];
      const variables: Record<string, unknown> = {};
      values.forEach(({ value, how }, i) => {
        const arg = field.args[i]!;
        if (how === 'omitted' && value !== undefined) return;
        const literal = how === 'literal' ? literalOf(value, arg.type) : undefined;
        if (literal !== undefined) {
          passed.push(`${arg.name}: ${literal}`);
          return;
        }
        defs.push(`$v${i}: ${typeString(arg.type)}`);
        passed.push(`${arg.name}: $v${i}`);
        if (value !== undefined) variables[`v${i}`] = value;
      });
      const head = `${operation} Fuzz${defs.length ? `(${defs.join(', ')})` : ''}`;
      const call = `${alias ? `${alias}: ` : ''}${field.name}${passed.length ? `(${passed.join(', ')})` : ''}`;
      return { query: `${head} { ${call} ${selection} }`, variables };
    });
}

/** Random GraphQL-ish tokens to splice into documents. */
const tokenArb = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '(',
    ')',
    '[',
    ']',
    '$',
    '...',
    '!',
    ':',
    '=',
    '@',
    '"',
    '"""',
    '#',
    '|',
    '&',
    ',',
    '\u0000',
    '\uFEFF',
  ),
  fc.constantFrom(
    'query',
    'mutation',
    'subscription',
    'fragment F on Query { __typename }',
    '...F',
    '@include(if: true)',
    '@skip(if: $x)',
    'on',
    'null',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

/**
 * A document changed by one of the ways a broken or hostile client changes it: tokens spliced
 * in or cut out, deep nesting, many aliases, many operations, cycles of fragments.
 */
export function mutatedDocumentArb(base: fc.Arbitrary<GeneratedOperation>): fc.Arbitrary<GeneratedOperation> {
  const splice = fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), tokenArb, fc.nat({ max: 6 })), { minLength: 1, maxLength: 5 }))
    .map(([op, edits]) => {
      let q = op.query;
      for (const [at, token, cut] of edits) {
        const i = at % (q.length + 1);
        q = q.slice(0, i) + token + q.slice(i + cut);
      }
      return { query: q, variables: op.variables };
    });
  const nested = fc
    .integer({ min: 5, max: 3000 })
    .map((n) => ({ query: `{ ${'me { __typename '.repeat(n)}${'}'.repeat(n)} }`, variables: {} }));
  const braces = fc.integer({ min: 5, max: 20000 }).map((n) => ({ query: '{'.repeat(n) + '}'.repeat(n), variables: {} }));
  const aliases = fc.integer({ min: 10, max: 5000 }).map((n) => ({
    query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    variables: {},
  }));
  const manyOperations = fc.tuple(base, fc.integer({ min: 2, max: 300 })).map(([op, n]) => ({
    query: Array.from({ length: n }, (_, i) => op.query.replace(/Fuzz/, `Fuzz${i}`)).join('\n'),
    variables: op.variables,
  }));
  const fragmentCycle = fc.constant({
    query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    variables: {},
  });
  const directives = fc
    .integer({ min: 10, max: 3000 })
    .map((n) => ({ query: `{ __typename ${'@include(if: true) '.repeat(n)} }`, variables: {} }));
  return fc.oneof(
    { weight: 6, arbitrary: splice },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: braces },
    { weight: 1, arbitrary: aliases },
    { weight: 1, arbitrary: manyOperations },
    { weight: 1, arbitrary: fragmentCycle },
    { weight: 1, arbitrary: directives },
  );
}
