import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  buildSchema,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type VariableDefinitionNode,
} from 'graphql';
import { limitRules, parseLimited } from './limits';
import { argumentProblem, knownRequestProblems, shortenQuoted, vietnameseRequestProblem } from './request-problem';

/** The published schema (schema/schema.graphql), the one the messages name. */
const schema = buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
/** What the published schema has none of: an abstract type, a OneOf input. */
const small = buildSchema(`
  interface Node { id: ID! }
  type Item implements Node { id: ID! name: String }
  input Pick @oneOf { a: Int b: Int }
  type T { t: T id: ID }
  type Query { node: Node pick(by: Pick): Int t: T }
`);
const limits = { maxDepth: 12, maxAliases: 3, maxCost: 100_000, maxTokens: 200 } as never;

/** The first error graphql-js gives a document (syntax or validation), as a message. */
function documentError(source: string, against: GraphQLSchema = schema): string {
  const parsed = parseLimited(source, limits);
  if (parsed instanceof GraphQLError) return parsed.message;
  const errors = validate(against, parsed, [...specifiedRules, ...limitRules(limits)]);
  if (!errors.length) throw new Error(`valid: ${source}`);
  return errors[0]!.message;
}

/** The first error graphql-js gives variables for an operation's definitions. */
function variablesError(source: string, inputs: Record<string, unknown>, against: GraphQLSchema = schema, nth = 0): string {
  const op = parse(source).definitions[0] as unknown as { variableDefinitions: VariableDefinitionNode[] };
  const result = getVariableValues(against, op.variableDefinitions, inputs, { maxErrors: 1 });
  if (!('errors' in result) || !result.errors) throw new Error(`coerced: ${source}`);
  return result.errors[nth]!.message;
}

/** Apollo's answer to an HTTP request, its first error's message. */
async function apolloError(request: { method: string; body?: unknown; search?: string; headers?: [string, string][] }) {
  const server = new ApolloServer({ schema, persistedQueries: false, csrfPrevention: false });
  await server.start();
  try {
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method,
        headers: new HeaderMap(request.headers ?? [['content-type', 'application/json']]),
        search: request.search ?? '',
        body: request.body,
      },
      context: async () => ({}),
    });
    const text = answer.body.kind === 'complete' ? answer.body.string : '';
    const parsed = JSON.parse(text) as { errors?: { message: string }[] };
    return parsed.errors?.[0]?.message ?? text;
  } finally {
    await server.stop();
  }
}

/** English words graphql-js's and Apollo's templates use; none may survive the restatement. */
const ENGLISH =
  /\b(?:Cannot|must|Expected|Unknown|Variable|Field|Argument|found|provided|Did you mean|operation named|Syntax Error)\b/;

type Case = readonly [problem: string, message: () => string | Promise<string>];

const CASES: readonly Case[] = [
  // Syntax.
  ['SYNTAX_ERROR', () => documentError('{ me { id }')],
  ['SYNTAX_ERROR', () => documentError("{ cadre(id: 'x') { id } }")],
  ['SYNTAX_ERROR', () => documentError('{ me { id } } }')],
  ['SYNTAX_ERROR', () => documentError('{ cadre(id: "x) { id } }')],
  ['SYNTAX_ERROR', () => documentError('{ cadres(first: 01) { totalCount } }')],
  ['SYNTAX_ERROR', () => documentError('{ cadres(first: 1.) { totalCount } }')],
  ['SYNTAX_ERROR', () => documentError('{ cadre(id: "\\u12") { id } }')],
  ['SYNTAX_ERROR', () => documentError('{ cadre(id: "\\q") { id } }')],
  ['SYNTAX_ERROR', () => documentError('{ me { id \u0007 } }')],
  ['SYNTAX_ERROR', () => documentError('query ($x: Int = $y) { me { id } }')],
  ['SYNTAX_ERROR', () => documentError('"described" { me { id } }')],
  ['TOO_MANY_TOKENS', () => documentError(`{ ${'me { id } '.repeat(100)} }`)],
  // Validation.
  ['NOT_EXECUTABLE', () => documentError('type Foo { a: Int } { me { id } }')],
  ['DUPLICATE_OPERATION_NAME', () => documentError('query A { me { id } } query A { me { id } }')],
  ['ANONYMOUS_OPERATION_NOT_ALONE', () => documentError('{ me { id } } query A { me { id } }')],
  ['SUBSCRIPTION_ONE_FIELD', () => documentError('subscription { boardEvents { id } reportReceived { id } }')],
  ['SUBSCRIPTION_INTROSPECTION', () => documentError('subscription S { __typename }')],
  ['UNKNOWN_TYPE', () => documentError('query ($x: Strin) { me { id } }')],
  ['FRAGMENT_ON_SCALAR', () => documentError('{ me { id ... on String { length } } }')],
  ['VARIABLE_NOT_INPUT_TYPE', () => documentError('query ($x: Cadre) { me { id } }')],
  ['SELECTION_NOT_ALLOWED', () => documentError('{ me { id { x } } }')],
  ['SELECTION_REQUIRED', () => documentError('{ me }')],
  ['UNKNOWN_FIELD', () => documentError('mutation { logn(email: "a@b.c", password: "x") { token } }')],
  ['DUPLICATE_FRAGMENT_NAME', () => documentError('{ me { ...F } } fragment F on Account { id } fragment F on Account { id }')],
  ['UNKNOWN_FRAGMENT', () => documentError('{ me { ...G } }')],
  ['UNUSED_FRAGMENT', () => documentError('{ me { id } } fragment F on Account { id }')],
  ['IMPOSSIBLE_FRAGMENT_SPREAD', () => documentError('{ me { ... on Cadre { id } } }')],
  ['IMPOSSIBLE_FRAGMENT_SPREAD', () => documentError('{ me { ...C } } fragment C on Cadre { id }')],
  ['FRAGMENT_CYCLE', () => documentError('{ me { ...A } } fragment A on Account { ...B } fragment B on Account { ...A }')],
  ['DUPLICATE_VARIABLE', () => documentError('query ($x: ID!, $x: ID!) { cadre(id: $x) { id } }')],
  ['UNDEFINED_VARIABLE', () => documentError('query Q { cadre(id: $x) { id } }')],
  ['UNUSED_VARIABLE', () => documentError('query ($x: ID) { me { id } }')],
  ['UNKNOWN_DIRECTIVE', () => documentError('{ me @cache { id } }')],
  ['DIRECTIVE_MISPLACED', () => documentError('query @include(if: true) { me { id } }')],
  ['DUPLICATE_DIRECTIVE', () => documentError('{ me @skip(if: false) @skip(if: false) { id } }')],
  ['UNKNOWN_ARGUMENT', () => documentError('{ cadre(id: "x", ids: "y") { id } }')],
  ['UNKNOWN_ARGUMENT', () => documentError('{ me @skip(if: false, unless: true) { id } }')],
  ['DUPLICATE_ARGUMENT', () => documentError('{ cadre(id: "x", id: "y") { id } }')],
  ['WRONG_VALUE_TYPE', () => documentError('{ cadres(first: "twenty") { totalCount } }')],
  ['WRONG_VALUE_TYPE', () => documentError('{ cadres(first: 20, filter: { body: NOBODY }) { totalCount } }')],
  ['WRONG_VALUE_TYPE', () => documentError('{ cadres(first: 20, filter: "all") { totalCount } }')],
  ['MISSING_INPUT_FIELD', () => documentError('mutation { assignReport(input: { id: "1", version: 1 }) { id } }')],
  ['ONE_OF', () => documentError('{ pick(by: {}) }', small)],
  ['UNKNOWN_INPUT_FIELD', () => documentError('{ cadres(first: 20, filter: { serach: "An" }) { totalCount } }')],
  ['ONE_OF', () => documentError('{ pick(by: { a: 1, b: 2 }) }', small)],
  ['NULL_NOT_ALLOWED', () => documentError('{ pick(by: { a: null }) }', small)],
  ['ONE_OF', () => documentError('query ($a: Int) { pick(by: { a: $a }) }', small)],
  ['MISSING_ARGUMENT', () => documentError('{ cadre { id } }')],
  ['MISSING_ARGUMENT', () => documentError('{ me @skip { id } }')],
  ['VARIABLE_TYPE_MISMATCH', () => documentError('query ($id: ID) { cadre(id: $id) { id } }')],
  ['FIELD_CONFLICT', () => documentError('{ me { id: email id } }')],
  ['FIELD_CONFLICT', () => documentError('{ a: cadre(id: "1") { id } a: cadre(id: "2") { id } }')],
  ['FIELD_CONFLICT', () => documentError('{ me { x: id } me { x: email } }')],
  ['DUPLICATE_INPUT_FIELD', () => documentError('{ cadres(first: 20, filter: { search: "a", search: "b" }) { totalCount } }')],
  ['TOO_DEEP', () => documentError(`{ ${'t { '.repeat(14)}id${' }'.repeat(14)} }`, small)],
  [
    'INVALID_REQUEST',
    () =>
      documentError(
        `{ cadres(first: { ${Array.from({ length: 40 }, (_, i) => `${'a_rather_long_field_name_'.repeat(3)}${i}: ${i}`).join(' ')} }) { totalCount } }`,
      ),
  ],
  ['TOO_MANY_ALIASES', () => documentError('{ a: me { id } b: me { id } c: me { id } d: me { id } }')],
  [
    'INTROSPECTION_TOO_DEEP',
    () => documentError(`{ __schema { types { ${'fields { type { '.repeat(3)}name${' } }'.repeat(3)} } } }`),
  ],
  // Variables.
  ['INVALID_VARIABLE', () => variablesError('query ($n: Int!) { cadres(first: $n) { totalCount } }', { n: 'twenty' })],
  ['INVALID_VARIABLE', () => variablesError('query ($n: Int!) { cadres(first: $n) { totalCount } }', { n: 2 ** 40 })],
  ['INVALID_VARIABLE', () => variablesError('query ($s: String) { me { id } }', { s: 5 })],
  ['INVALID_VARIABLE', () => variablesError('query ($b: Boolean) { me { id } }', { b: 'yes; no' })],
  ['INVALID_VARIABLE', () => variablesError('query ($i: ID!) { cadre(id: $i) { id } }', { i: { a: 1 } })],
  ['INVALID_VARIABLE', () => variablesError('query ($f: Float) { me { id } }', { f: 'x' })],
  ['INVALID_VARIABLE', () => variablesError('query ($r: Role) { me { id } }', { r: 'ADMN' })],
  ['INVALID_VARIABLE', () => variablesError('query ($r: Role) { me { id } }', { r: 3 })],
  ['INVALID_VARIABLE', () => variablesError('query ($f: CadreFilter) { me { id } }', { f: 'all' })],
  ['INVALID_VARIABLE', () => variablesError('query ($f: CadreFilter) { me { id } }', { f: { serach: 'An' } })],
  ['INVALID_VARIABLE', () => variablesError('query ($f: CadreFilter) { me { id } }', { f: { body: 'x; at "f"; y' } })],
  ['INVALID_VARIABLE', () => variablesError('query ($f: [ID!]) { me { id } }', { f: ['a', null] })],
  ['INVALID_VARIABLE', () => variablesError('query ($p: Pick) { pick(by: $p) }', { p: { a: 1, b: 2 } }, small)],
  ['INVALID_VARIABLE', () => variablesError('query ($p: Pick) { pick(by: $p) }', { p: { a: null } }, small)],
  ['INVALID_VARIABLE', () => variablesError('query ($p: Pick!) { pick(by: $p) }', { p: {} }, small)],
  ['TOO_MANY_VARIABLE_ERRORS', () => variablesError('query ($a: Int, $b: Int) { me { id } }', { a: 'x', b: 'y' }, schema, 1)],
  ['MISSING_VARIABLE', () => variablesError('query ($id: ID!) { cadre(id: $id) { id } }', {})],
  ['NULL_NOT_ALLOWED', () => variablesError('query ($id: ID!) { cadre(id: $id) { id } }', { id: null })],
  // Apollo.
  [
    'OPERATION_NAME_REQUIRED',
    () => apolloError({ method: 'POST', body: { query: 'query A { me { id } } query B { me { id } }' } }),
  ],
  ['UNKNOWN_OPERATION', () => apolloError({ method: 'POST', body: { query: 'query A { me { id } }', operationName: 'B' } })],
  [
    'GET_ONLY_QUERIES',
    () =>
      apolloError({
        method: 'GET',
        search: `?query=${encodeURIComponent('mutation { login(email: "a", password: "b") { token } }')}`,
        headers: [['apollo-require-preflight', 'true']],
      }),
  ],
  ['QUERY_MISSING', () => apolloError({ method: 'POST', body: { query: '' } })],
  ['BODY_MISSING', () => apolloError({ method: 'POST', body: {} })],
  ['QUERY_NOT_A_STRING', () => apolloError({ method: 'POST', body: { query: 5 } })],
  ['NOT_AN_OBJECT', () => apolloError({ method: 'POST', body: { query: '{ me { id } }', variables: '{}' } })],
  ['NOT_AN_OBJECT', () => apolloError({ method: 'POST', body: { query: '{ me { id } }', extensions: 5 } })],
  ['NOT_A_STRING', () => apolloError({ method: 'POST', body: { query: '{ me { id } }', operationName: 5 } })],
  ['BAD_SEARCH_PARAMETER', () => apolloError({ method: 'GET', search: '?query={me{id}}&variables=nope', headers: [] })],
  [
    'UNSUPPORTED_CONTENT_TYPE',
    () => apolloError({ method: 'GET', search: '?query={me{id}}', headers: [['content-type', 'text/plain']] }),
  ],
  [
    'NOT_ACCEPTABLE',
    () =>
      apolloError({
        method: 'POST',
        body: { query: '{ me { id } }' },
        headers: [
          ['content-type', 'application/json'],
          ['accept', 'text/html'],
        ],
      }),
  ],
  ['METHOD_NOT_ALLOWED', () => apolloError({ method: 'PUT', body: { query: '{ me { id } }' } })],
  [
    'PERSISTED_QUERY_NOT_SUPPORTED',
    () => apolloError({ method: 'POST', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a' } } } }),
  ],
];

describe('vietnameseRequestProblem', () => {
  const seen = new Set<string>();

  it.each(CASES.map(([problem, message], i) => [i, problem, message] as const))(
    'case %i restates a real %s message in Vietnamese',
    async (_i, problem, message) => {
      const english = await message();
      const said = vietnameseRequestProblem(english, false);
      expect({ english, problem: said?.problem }).toEqual({ english, problem });
      expect(said!.message).not.toMatch(ENGLISH);
      expect(said!.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      seen.add(problem);
    },
  );

  it('has a real message for every problem it knows', () => {
    expect([...knownRequestProblems()].filter((p) => !seen.has(p))).toEqual([]);
  });

  it('restates suggestions, and drops them in production', () => {
    const english = documentError('mutation { logn(email: "a@b.c", password: "x") { token } }');
    expect(english).toMatch(/Did you mean "login"/);
    expect(vietnameseRequestProblem(english, false)!.message).toBe(
      'Kiểu "Mutation" không có trường "logn". Có phải ý bạn là "login"?',
    );
    expect(vietnameseRequestProblem(english, true)!.message).toBe('Kiểu "Mutation" không có trường "logn"');
    const enumValue = variablesError('query ($r: Role) { me { id } }', { r: 'ADMN' });
    expect(vietnameseRequestProblem(enumValue, false)!.message).toBe(
      'Biến "$r" có giá trị không hợp lệ "ADMN": enum "Role" không có giá trị "ADMN". Có phải ý bạn là giá trị "ADMIN"?',
    );
    const inline = documentError('{ node { name } }', small);
    expect(vietnameseRequestProblem(inline, false)!.message).toBe(
      'Kiểu "Node" không có trường "name". Có phải ý bạn là dùng inline fragment trên kiểu "Item"?',
    );
  });

  it('keeps a printed value whole when it holds the separators', () => {
    const english = variablesError('query ($b: Boolean) { me { id } }', { b: 'yes; no' });
    expect(vietnameseRequestProblem(english, false)!.message).toBe(
      'Biến "$b" có giá trị không hợp lệ "yes; no": kiểu Boolean chỉ nhận true hoặc false, không nhận "yes; no"',
    );
    const nested = variablesError('query ($f: CadreFilter) { me { id } }', { f: { body: 'x; at "f"; y' } });
    expect(vietnameseRequestProblem(nested, false)!.message).toMatch(
      /^Biến "\$f" có giá trị không hợp lệ "x; at \\"f\\"; y" \(tại "f\.body"\): enum "Body"/,
    );
  });

  it('shows a long value cut short, and answers a crafted megabyte in one pass', () => {
    // What graphql-js prints for a megabyte string sent where an Int goes, made of the very
    // separators and phrases the rules look for.
    const crafted = '; Expected type "X". " does not exist in "'.repeat(25_000);
    const english = variablesError('query ($n: Int!) { cadres(first: $n) { totalCount } }', { n: crafted });
    expect(english.length).toBeGreaterThan(2_000_000);
    const said = vietnameseRequestProblem(english, false)!;
    expect(said.problem).toBe('INVALID_VARIABLE');
    expect(said.message.length).toBeLessThan(600);
    expect(said.message).toMatch(
      /^Biến "\$n" có giá trị không hợp lệ "; Expected type .*…": kiểu Int chỉ nhận số nguyên, không nhận ".*…"$/,
    );
    const longEnum = variablesError('query ($r: Role) { me { id } }', { r: 'x'.repeat(1_000_000) });
    expect(vietnameseRequestProblem(longEnum, false)!.message).toBe(
      `Biến "$r" có giá trị không hợp lệ "${'x'.repeat(120)}…": enum "Role" không có giá trị "${'x'.repeat(120)}…"`,
    );
    // graphql-js quotes an enum value without escaping it: quotes in it defeat the cut, and the
    // message is answered without it.
    expect(vietnameseRequestProblem(variablesError('query ($r: Role) { me { id } }', { r: crafted }), false)!.problem).toBe(
      'INVALID_VARIABLE',
    );
    // Too long even with its values cut: said without it.
    const keys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const manyKeys = variablesError('query ($f: CadreFilter) { me { id } }', { f: keys });
    expect(vietnameseRequestProblem(manyKeys, false)).toEqual({
      message: 'Một biến gửi lên có giá trị không hợp lệ (giá trị quá dài để nhắc lại ở đây)',
      problem: 'INVALID_VARIABLE',
    });
    expect(argumentProblem(`Argument "first" has invalid value ${'{ a: 1 } '.repeat(1000)}.`)).toEqual({
      message: 'Yêu cầu không hợp lệ (chi tiết quá dài để nhắc lại ở đây)',
      problem: 'INVALID_REQUEST',
    });
  });

  it('cuts a quoted value without breaking an escape or a surrogate pair', () => {
    const cut = (inner: string) => shortenQuoted(`x "${inner}" y`);
    expect(cut('a'.repeat(119) + '\\u00e9')).toBe(`x "${'a'.repeat(119)}…" y`);
    expect(cut('a'.repeat(119) + '\\"' + 'b'.repeat(10))).toBe(`x "${'a'.repeat(119)}…" y`);
    expect(cut('a'.repeat(118) + '\\"' + 'b'.repeat(10))).toBe(`x "${'a'.repeat(118)}\\"…" y`);
    expect(cut('a'.repeat(119) + '😀' + 'b')).toBe(`x "${'a'.repeat(119)}…" y`);
    expect(cut('a'.repeat(120))).toBe(`x "${'a'.repeat(120)}" y`);
    expect(shortenQuoted('unterminated "' + 'a'.repeat(500))).toBe('unterminated "' + 'a'.repeat(500));
  });

  it('leaves a message it does not know alone', () => {
    expect(vietnameseRequestProblem('Truy vấn quá nặng: chi phí 9 vượt giới hạn 1', false)).toBeUndefined();
    expect(vietnameseRequestProblem('Something new from graphql-js.', false)).toBeUndefined();
  });
});
