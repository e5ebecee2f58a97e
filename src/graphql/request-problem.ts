/**
 * graphql-js's and Apollo Server's English messages for a request the client got wrong (a
 * syntax error, a document that does not validate against the schema, variables of the wrong
 * type, an HTTP request Apollo cannot read) restated in Vietnamese for the person reading them,
 * each with a stable `problem` code for a frontend that words its own. Names, types and values
 * from the request are quoted as they were sent. The templates are graphql 16's and
 * @apollo/server 5's; src/graphql/request-problem.spec.ts feeds every entry a message the real
 * libraries produce, so an upgrade that rewords one fails there, not in front of a user.
 */

/** A request error in Vietnamese, and what kind it is. */
export interface RequestProblem {
  readonly message: string;
  /** Stable across wording: `UNKNOWN_FIELD`, `SYNTAX_ERROR`, `MISSING_ARGUMENT` … */
  readonly problem: string;
}

type Say = (m: RegExpExecArray) => string;
type Rule = readonly [pattern: RegExp, problem: string, say: Say];

/** Token kinds as graphql-js names them: [alone ("expected a Name"), before a value ("Name \"x\"")]. */
const TOKEN_KINDS: Readonly<Record<string, readonly [string, string]>> = {
  '<EOF>': ['cuối tài liệu', 'cuối tài liệu'],
  '<SOF>': ['đầu tài liệu', 'đầu tài liệu'],
  Name: ['một tên', 'tên'],
  Int: ['một số nguyên', 'số nguyên'],
  Float: ['một số thực', 'số thực'],
  String: ['một chuỗi', 'chuỗi'],
  BlockString: ['một chuỗi khối', 'chuỗi khối'],
  Comment: ['một chú thích', 'chú thích'],
};

/** graphql-js's description of a token (`Name "x"`, `<EOF>`, `"{"`), in Vietnamese. */
function token(desc: string): string {
  const m = /^(<EOF>|<SOF>|Name|Int|Float|String|BlockString|Comment)(?: (".*"))?$/s.exec(desc);
  if (!m) return desc;
  const [bare, named] = TOKEN_KINDS[m[1]!]!;
  return m[2] === undefined ? bare : `${named} ${m[2]}`;
}

/** A printed code point (`"?"`, `U+0000`, `<EOF>`) as the lexer reports it. */
const codePoint = (printed: string) => (printed === '<EOF>' ? 'cuối tài liệu' : printed);

/** `"a" or "b"`, `"a", "b", or "c"` → `"a" hoặc "b"`, `"a", "b" hoặc "c"`. */
const alternatives = (list: string) => list.replace(/,? or ("[^"]*")$/, ' hoặc $1');

/** graphql-js's `Did you mean …?` tail (didYouMean): what it proposes, and the names. */
const SUGGESTION_TAIL = / Did you mean (the enum value |to use an inline fragment on )?("[^?]*)\?$/s;

/** A {@link SUGGESTION_TAIL} match in Vietnamese. */
function suggestion(m: RegExpExecArray): string {
  const what = alternatives(m[2]!);
  if (m[1] === 'the enum value ') return `Có phải ý bạn là giá trị ${what}?`;
  if (m[1] === 'to use an inline fragment on ') return `Có phải ý bạn là dùng inline fragment trên kiểu ${what}?`;
  return `Có phải ý bạn là ${what}?`;
}

/** Why two fields of one response name conflict (OverlappingFieldsCanBeMergedRule's reason). */
function conflictReason(reason: string): string {
  return reason
    .replace(/("[^"]*") and ("[^"]*") are different fields/g, '$1 và $2 là hai trường khác nhau')
    .replace(/they have differing arguments/g, 'chúng có đối số khác nhau')
    .replace(/they have differing stream directives/g, 'chúng có chỉ thị @stream khác nhau')
    .replace(/they return conflicting types ("[^"]*") and ("[^"]*")/g, 'chúng trả về hai kiểu không khớp nhau $1 và $2')
    .replace(/subfields /g, 'các trường con ')
    .replace(/ conflict because /g, ' xung đột vì ')
    .replace(/ and (?=")/g, ' và ');
}

/** The messages a scalar, an enum or an input object gives a value it cannot take (the
 * reason after `; ` in INVALID_VARIABLE and WRONG_VALUE_TYPE). */
const VALUE_RULES: readonly (readonly [pattern: RegExp, say: Say])[] = [
  [/^Expected non-nullable type "(.+)" not to be null\.$/s, (m) => `kiểu "${m[1]}" không nhận null`],
  [/^Expected type "(.+)" to be an object\.$/s, (m) => `kiểu "${m[1]}" cần một đối tượng`],
  [/^Field "(.+)" of required type "(.+)" was not provided\.$/s, (m) => `thiếu trường bắt buộc "${m[1]}" (kiểu "${m[2]}")`],
  [/^Field "(.+)" is not defined by type "(.+)"\.$/s, (m) => `kiểu "${m[2]}" không có trường "${m[1]}"`],
  [/^Exactly one key must be specified for OneOf type "(.+)"\.$/s, (m) => `kiểu OneOf "${m[1]}" cần đúng một trường`],
  [/^Field "(.+)" must be non-null\.$/s, (m) => `trường "${m[1]}" không được là null`],
  [/^Int cannot represent non-integer value: (.+)$/s, (m) => `kiểu Int chỉ nhận số nguyên, không nhận ${m[1]}`],
  [
    /^Int cannot represent non 32-bit signed integer value: (.+)$/s,
    (m) => `kiểu Int chỉ nhận số nguyên từ -2147483648 đến 2147483647, không nhận ${m[1]}`,
  ],
  [/^Float cannot represent non numeric value: (.+)$/s, (m) => `kiểu Float chỉ nhận số, không nhận ${m[1]}`],
  [/^String cannot represent a non string value: (.+)$/s, (m) => `kiểu String chỉ nhận chuỗi, không nhận ${m[1]}`],
  [/^Boolean cannot represent a non boolean value: (.+)$/s, (m) => `kiểu Boolean chỉ nhận true hoặc false, không nhận ${m[1]}`],
  [
    /^ID cannot represent (?:a non-string and non-integer )?value: (.+)$/s,
    (m) => `kiểu ID chỉ nhận chuỗi hoặc số nguyên, không nhận ${m[1]}`,
  ],
  [/^Value "(.+)" does not exist in "(.+)" enum\.$/s, (m) => `enum "${m[2]}" không có giá trị "${m[1]}"`],
  [
    /^Enum "(.+)" cannot represent non-(?:string|enum) value: (.+)\.$/s,
    (m) => `enum "${m[1]}" chỉ nhận tên một giá trị của nó, không nhận ${m[2]}`,
  ],
  [/^Expected type "(.+)"\. (.+)$/s, (m) => `cần kiểu "${m[1]}": ${value(m[2]!)?.message ?? m[2]}`],
  [/^Expected type "(.+)"\.$/s, (m) => `cần kiểu "${m[1]}"`],
];

/** Why a value was refused, in Vietnamese (a clause: it follows the value it is about). */
function value(message: string): { message: string } | undefined {
  for (const [pattern, say] of VALUE_RULES) {
    const m = pattern.exec(message);
    if (m) return { message: say(m) };
  }
  return undefined;
}

/**
 * `V; why` after a printed value: V is printed by graphql-js and may itself hold `; `, so each
 * split is tried from the left until `why` is a known message. The value as shown, and why.
 */
function valueAndWhy(rest: string): [shown: string, why: { message: string }] | undefined {
  for (let at = rest.indexOf('; '); at >= 0; at = rest.indexOf('; ', at + 1)) {
    const why = value(rest.slice(at + 2));
    if (why) return [rest.slice(0, at), why];
  }
  return undefined;
}

/** `Variable "$x" got invalid value V at "x.a"; why`. */
function invalidVariable(message: string): RequestProblem | undefined {
  const head = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /.exec(message);
  const split = head && valueAndWhy(message.slice(head[0].length));
  if (!split) return undefined;
  const [printed, why] = split;
  const where = /^(.*) at "([^"]*)"$/s.exec(printed);
  const shown = where ? `${where[1]} (tại "${where[2]}")` : printed;
  return { message: `Biến "$${head[1]}" có giá trị không hợp lệ ${shown}: ${why.message}`, problem: 'INVALID_VARIABLE' };
}

/** `Expected value of type "T", found V; why` (ValuesOfCorrectTypeRule, a literal a scalar or enum refused). */
function refusedLiteral(message: string): RequestProblem | undefined {
  const head = /^Expected value of type "(.+?)", found /s.exec(message);
  const split = head && valueAndWhy(message.slice(head[0].length));
  if (!split) return undefined;
  return { message: `Giá trị ${split[0]} không thuộc kiểu "${head[1]}": ${split[1].message}`, problem: 'WRONG_VALUE_TYPE' };
}

/** A literal a scalar or an enum refused, its own message (ValuesOfCorrectTypeRule passes it on as it is). */
function refusedLeaf(message: string): RequestProblem | undefined {
  const why = value(message);
  if (!why) return undefined;
  return { message: why.message.charAt(0).toUpperCase() + why.message.slice(1), problem: 'WRONG_VALUE_TYPE' };
}

const SYNTAX = 'Lỗi cú pháp: ';

/** Parse errors, after graphql-js's `Syntax Error: `. */
const SYNTAX_RULES: readonly Rule[] = [
  [/^Expected (.+), found (.+)\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}chỗ này cần ${token(m[1]!)} nhưng gặp ${token(m[2]!)}`],
  [
    /^Unexpected single quote character \('\), did you mean to use a double quote \("\)\?$/,
    'SYNTAX_ERROR',
    () => `${SYNTAX}chuỗi phải đặt trong nháy kép ("), không dùng nháy đơn (')`,
  ],
  [/^Unexpected character: (.+)\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}không được có ký tự ${codePoint(m[1]!)} ở đây`],
  [/^Invalid character: (.+)\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}ký tự không hợp lệ ${codePoint(m[1]!)}`],
  [
    /^Unexpected variable "(\$.+)" in constant value\.$/s,
    'SYNTAX_ERROR',
    (m) => `${SYNTAX}không được dùng biến "${m[1]}" trong một giá trị hằng`,
  ],
  [
    /^Unexpected description, .+$/s,
    'SYNTAX_ERROR',
    () => `${SYNTAX}không được đặt mô tả (description) ở đây: tài liệu truy vấn không nhận mô tả`,
  ],
  [/^Unexpected (.+)\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}không được có ${token(m[1]!)} ở đây`],
  [/^Unterminated string\.$/, 'SYNTAX_ERROR', () => `${SYNTAX}chuỗi chưa được đóng (thiếu dấu " ở cuối)`],
  [
    /^Invalid character within String: (.+)\.$/s,
    'SYNTAX_ERROR',
    (m) => `${SYNTAX}chuỗi chứa ký tự không hợp lệ ${codePoint(m[1]!)}`,
  ],
  [
    /^Invalid number, expected digit but got: (.+)\.$/s,
    'SYNTAX_ERROR',
    (m) => `${SYNTAX}số không hợp lệ: cần một chữ số nhưng gặp ${codePoint(m[1]!)}`,
  ],
  [
    /^Invalid number, unexpected digit after 0: (.+)\.$/s,
    'SYNTAX_ERROR',
    (m) => `${SYNTAX}số không hợp lệ: sau số 0 đứng đầu không được có chữ số ${codePoint(m[1]!)}`,
  ],
  [/^Invalid Unicode escape sequence: (".*")\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}chuỗi thoát Unicode không hợp lệ ${m[1]}`],
  [/^Invalid character escape sequence: (".*")\.$/s, 'SYNTAX_ERROR', (m) => `${SYNTAX}chuỗi thoát không hợp lệ ${m[1]}`],
  // "more that": graphql-js's own spelling.
  [
    /^Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/,
    'TOO_MANY_TOKENS',
    (m) => `Tài liệu truy vấn dài hơn giới hạn ${m[1]} token; máy chủ dừng đọc nó`,
  ],
];

/**
 * An argument execution refused (getArgumentValues: a variable with a default sent as an
 * explicit null, or not sent, in a non-null position). These errors carry a path, like a
 * resolver's, but are the client's doing.
 */
const ARGUMENT_RULES: readonly Rule[] = [
  [
    /^Argument "(.+)" of required type "(.+)" was provided the variable "(\$.+)" which was not provided a runtime value\.$/s,
    'MISSING_VARIABLE',
    (m) => `Đối số bắt buộc "${m[1]}" (kiểu "${m[2]}") lấy giá trị từ biến "${m[3]}", nhưng biến này không được gửi giá trị`,
  ],
  [
    /^Argument "(.+)" of required type "(.+)" was not provided\.$/s,
    'MISSING_ARGUMENT',
    (m) => `Thiếu đối số bắt buộc "${m[1]}" (kiểu "${m[2]}")`,
  ],
  [
    /^Argument "(.+)" of non-null type "(.+)" must not be null\.$/s,
    'NULL_NOT_ALLOWED',
    (m) => `Đối số "${m[1]}" có kiểu "${m[2]}", không được là null`,
  ],
  [/^Argument "(.+)" has invalid value (.+)\.$/s, 'WRONG_VALUE_TYPE', (m) => `Đối số "${m[1]}" có giá trị không hợp lệ ${m[2]}`],
];

const OPERATION = /(?: (?:by|in) operation "(.+)")?/;
const inOperation = (name: string | undefined) => (name ? ` trong thao tác "${name}"` : '');

/** Validation (graphql-js's specified rules and the depth and alias limits), variables, Apollo's request checks. */
const RULES: readonly Rule[] = [
  // Validation.
  [
    /^The (.+) definition is not executable\.$/s,
    'NOT_EXECUTABLE',
    (m) =>
      `Định nghĩa ${m[1]} không chạy được: tài liệu gửi lên chỉ được chứa thao tác (query, mutation, subscription) và fragment`,
  ],
  [
    /^There can be only one operation named "(.+)"\.$/s,
    'DUPLICATE_OPERATION_NAME',
    (m) => `Chỉ được có một thao tác tên "${m[1]}"`,
  ],
  [
    /^This anonymous operation must be the only defined operation\.$/,
    'ANONYMOUS_OPERATION_NOT_ALONE',
    () => 'Thao tác không tên phải là thao tác duy nhất trong tài liệu',
  ],
  [
    /^(?:Subscription "(.+)"|Anonymous Subscription) must select only one top level field\.$/s,
    'SUBSCRIPTION_ONE_FIELD',
    (m) => `${m[1] ? `Subscription "${m[1]}"` : 'Subscription không tên'} chỉ được chọn đúng một trường gốc`,
  ],
  [
    /^(?:Subscription "(.+)"|Anonymous Subscription) must not select an introspection top level field\.$/s,
    'SUBSCRIPTION_INTROSPECTION',
    (m) => `${m[1] ? `Subscription "${m[1]}"` : 'Subscription không tên'} không được chọn trường tự mô tả (introspection) ở gốc`,
  ],
  [/^Unknown type "(.+)"\.$/s, 'UNKNOWN_TYPE', (m) => `Lược đồ không có kiểu "${m[1]}"`],
  [
    /^Fragment (?:"(.+)" )?cannot condition on non composite type "(.+)"\.$/s,
    'FRAGMENT_ON_SCALAR',
    (m) =>
      `Fragment${m[1] ? ` "${m[1]}"` : ''} không đặt được trên kiểu "${m[2]}": chỉ kiểu đối tượng, interface hoặc union mới có fragment`,
  ],
  [
    /^Variable "(\$.+)" cannot be non-input type "(.+)"\.$/s,
    'VARIABLE_NOT_INPUT_TYPE',
    (m) => `Biến "${m[1]}" không thể có kiểu "${m[2]}": biến chỉ nhận kiểu scalar, enum hoặc input`,
  ],
  [
    /^Field "(.+)" must not have a selection since type "(.+)" has no subfields\.$/s,
    'SELECTION_NOT_ALLOWED',
    (m) => `Trường "${m[1]}" có kiểu "${m[2]}", không có trường con, nên không được chọn trường con`,
  ],
  [
    /^Field "(.+)" of type "(.+)" must have (?:a selection of subfields|at least one field selected)\.$/s,
    'SELECTION_REQUIRED',
    (m) => `Trường "${m[1]}" có kiểu "${m[2]}" nên phải chọn ít nhất một trường con`,
  ],
  [/^Cannot query field "(.+)" on type "(.+)"\.$/s, 'UNKNOWN_FIELD', (m) => `Kiểu "${m[2]}" không có trường "${m[1]}"`],
  [
    /^There can be only one fragment named "(.+)"\.$/s,
    'DUPLICATE_FRAGMENT_NAME',
    (m) => `Chỉ được có một fragment tên "${m[1]}"`,
  ],
  [/^Unknown fragment "(.+)"\.$/s, 'UNKNOWN_FRAGMENT', (m) => `Tài liệu không có fragment "${m[1]}"`],
  [/^Fragment "(.+)" is never used\.$/s, 'UNUSED_FRAGMENT', (m) => `Fragment "${m[1]}" được định nghĩa nhưng không được dùng`],
  [
    /^Fragment (?:"(.+)" )?cannot be spread here as objects of type "(.+)" can never be of type "(.+)"\.$/s,
    'IMPOSSIBLE_FRAGMENT_SPREAD',
    (m) => `Không dùng được fragment${m[1] ? ` "${m[1]}"` : ''} ở đây: đối tượng kiểu "${m[2]}" không bao giờ là kiểu "${m[3]}"`,
  ],
  [
    /^Cannot spread fragment "(.+)" within itself(?: via (.+))?\.$/s,
    'FRAGMENT_CYCLE',
    (m) => `Fragment "${m[1]}" dùng lại chính nó${m[2] ? ` (qua ${m[2]})` : ''}: fragment không được lồng vòng`,
  ],
  [/^There can be only one variable named "(\$.+)"\.$/s, 'DUPLICATE_VARIABLE', (m) => `Chỉ được khai báo một biến tên "${m[1]}"`],
  [
    new RegExp(`^Variable "(\\$.+)" is not defined${OPERATION.source}\\.$`, 's'),
    'UNDEFINED_VARIABLE',
    (m) => `Biến "${m[1]}" được dùng nhưng chưa được khai báo${inOperation(m[2])}`,
  ],
  [
    new RegExp(`^Variable "(\\$.+)" is never used${OPERATION.source}\\.$`, 's'),
    'UNUSED_VARIABLE',
    (m) => `Biến "${m[1]}" được khai báo nhưng không được dùng${inOperation(m[2])}`,
  ],
  [/^Unknown directive "(@.+)"\.$/s, 'UNKNOWN_DIRECTIVE', (m) => `Lược đồ không có chỉ thị "${m[1]}"`],
  [
    /^Directive "(@.+)" may not be used on (.+)\.$/s,
    'DIRECTIVE_MISPLACED',
    (m) => `Không được dùng chỉ thị "${m[1]}" ở vị trí ${m[2]}`,
  ],
  [
    /^The directive "(@.+)" can only be used once at this location\.$/s,
    'DUPLICATE_DIRECTIVE',
    (m) => `Chỉ thị "${m[1]}" chỉ được dùng một lần ở vị trí này`,
  ],
  [/^Unknown argument "(.+)" on field "(.+)"\.$/s, 'UNKNOWN_ARGUMENT', (m) => `Trường "${m[2]}" không có đối số "${m[1]}"`],
  [/^Unknown argument "(.+)" on directive "(@.+)"\.$/s, 'UNKNOWN_ARGUMENT', (m) => `Chỉ thị "${m[2]}" không có đối số "${m[1]}"`],
  [/^There can be only one argument named "(.+)"\.$/s, 'DUPLICATE_ARGUMENT', (m) => `Chỉ được truyền một đối số tên "${m[1]}"`],
  [/^Expected value of type "(.+?)", found (.+)\.$/s, 'WRONG_VALUE_TYPE', (m) => `Giá trị ${m[2]} không thuộc kiểu "${m[1]}"`],
  [
    /^Field "(.+)" of required type "(.+)" was not provided\.$/s,
    'MISSING_INPUT_FIELD',
    (m) => `Thiếu trường bắt buộc "${m[1]}" (kiểu "${m[2]}")`,
  ],
  [/^Field "(.+)" is not defined by type "(.+)"\.$/s, 'UNKNOWN_INPUT_FIELD', (m) => `Kiểu "${m[2]}" không có trường "${m[1]}"`],
  [
    /^OneOf Input Object "(.+)" must specify exactly one key\.$/s,
    'ONE_OF',
    (m) => `Đối tượng OneOf "${m[1]}" phải có đúng một trường`,
  ],
  [/^Field "(.+)" must be non-null\.$/s, 'NULL_NOT_ALLOWED', (m) => `Trường "${m[1]}" không được là null`],
  [
    /^Variable "(\$.+)" is of type "(.+)" but must be non-nullable to be used for OneOf Input Object "(.+)"\.$/s,
    'ONE_OF',
    (m) => `Biến "${m[1]}" có kiểu "${m[2]}", nhưng phải là kiểu không nhận null mới dùng được trong đối tượng OneOf "${m[3]}"`,
  ],
  [
    /^(Field|Directive) "(.+)" argument "(.+)" of type "(.+)" is required, but it was not provided\.$/s,
    'MISSING_ARGUMENT',
    (m) => `${m[1] === 'Field' ? 'Trường' : 'Chỉ thị'} "${m[2]}" thiếu đối số bắt buộc "${m[3]}" (kiểu "${m[4]}")`,
  ],
  [
    /^Variable "(\$.+)" of type "(.+)" used in position expecting type "(.+)"\.$/s,
    'VARIABLE_TYPE_MISMATCH',
    (m) => `Biến "${m[1]}" có kiểu "${m[2]}" nhưng được dùng ở chỗ cần kiểu "${m[3]}"`,
  ],
  [
    /^Fields "(.+?)" conflict because (.+)\. Use different aliases on the fields to fetch both if this was intentional\.$/s,
    'FIELD_CONFLICT',
    (m) =>
      `Các trường "${m[1]}" xung đột vì ${conflictReason(m[2]!)}; nếu cố ý lấy cả hai, hãy đặt cho chúng bí danh (alias) khác nhau`,
  ],
  [/^There can be only one input field named "(.+)"\.$/s, 'DUPLICATE_INPUT_FIELD', (m) => `Chỉ được có một trường tên "${m[1]}"`],
  [/^Maximum introspection depth exceeded$/, 'INTROSPECTION_TOO_DEEP', () => 'Truy vấn tự mô tả (introspection) lồng quá sâu'],
  // graphql-armor's depth and alias limits (src/graphql/limits.ts strips their "Syntax Error: ").
  [
    /^Query depth limit of (\d+) exceeded, found (\d+)\.$/,
    'TOO_DEEP',
    (m) => `Truy vấn lồng quá sâu: độ sâu ${m[2]} vượt giới hạn ${m[1]}`,
  ],
  [
    /^Aliases limit of (\d+) exceeded, found (\d+)\.$/,
    'TOO_MANY_ALIASES',
    (m) => `Truy vấn dùng quá nhiều bí danh (alias): ${m[2]}, vượt giới hạn ${m[1]}`,
  ],
  // Variables and arguments, as execution coerces them.
  [
    /^Variable "(\$.+)" of required type "(.+)" was not provided\.$/s,
    'MISSING_VARIABLE',
    (m) => `Thiếu giá trị cho biến bắt buộc "${m[1]}" (kiểu "${m[2]}")`,
  ],
  [
    /^Variable "(\$.+)" of non-null type "(.+)" must not be null\.$/s,
    'NULL_NOT_ALLOWED',
    (m) => `Biến "${m[1]}" có kiểu "${m[2]}", không được là null`,
  ],
  [
    /^Variable "(\$.+)" expected value of type "(.+)" which cannot be used as an input type\.$/s,
    'VARIABLE_NOT_INPUT_TYPE',
    (m) => `Biến "${m[1]}" được khai báo với kiểu "${m[2]}", kiểu không dùng được làm đầu vào`,
  ],
  [
    /^Too many errors processing variables, error limit reached\. Execution aborted\.$/,
    'TOO_MANY_VARIABLE_ERRORS',
    () => 'Các biến có quá nhiều lỗi; máy chủ dừng kiểm tra',
  ],
  // Apollo Server: which operation to run, and the HTTP request itself.
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    'OPERATION_NAME_REQUIRED',
    () => 'Tài liệu có nhiều thao tác: hãy nêu tên thao tác cần chạy (operationName)',
  ],
  [/^Unknown operation named "(.+)"\.$/s, 'UNKNOWN_OPERATION', (m) => `Tài liệu không có thao tác tên "${m[1]}"`],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    'GET_ONLY_QUERIES',
    (m) => `Yêu cầu GET chỉ chạy được query, không chạy được ${m[1]}; hãy gửi bằng POST`,
  ],
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    'QUERY_MISSING',
    () => 'Yêu cầu phải có "query": một tài liệu GraphQL không rỗng',
  ],
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    'BODY_MISSING',
    () => 'Yêu cầu POST thiếu nội dung, sai Content-Type (cần application/json) hoặc là một đối tượng JSON rỗng',
  ],
  [/^GraphQL queries must be strings\./, 'QUERY_NOT_A_STRING', () => '"query" phải là một chuỗi chứa tài liệu GraphQL'],
  [
    /^`(variables|extensions)` in a POST body (?:must be an object if provided|should be provided as an object, not a recursively JSON-encoded string)\.$/,
    'NOT_AN_OBJECT',
    (m) => `"${m[1]}" phải là một đối tượng JSON (không phải chuỗi chứa JSON)`,
  ],
  [/^`operationName` in a POST body must be a string if provided\.$/, 'NOT_A_STRING', () => '"operationName" phải là một chuỗi'],
  [
    /^GET requests may not have a content-type header other than application\/json\.$/,
    'UNSUPPORTED_CONTENT_TYPE',
    () => 'Yêu cầu GET chỉ được có Content-Type application/json',
  ],
  [
    /^The '?(\w+)'? search parameter (?:may only be specified once|contains invalid JSON|should contain a JSON-encoded object)\.$/,
    'BAD_SEARCH_PARAMETER',
    (m) => `Tham số "${m[1]}" trên URL phải có đúng một lần và là một đối tượng JSON hợp lệ`,
  ],
  [
    /^An 'accept' header was provided for this request which does not accept .+$/s,
    'NOT_ACCEPTABLE',
    () => 'Tiêu đề Accept của yêu cầu không nhận application/json hay application/graphql-response+json',
  ],
  [/^Apollo Server supports only GET\/POST requests\.$/, 'METHOD_NOT_ALLOWED', () => 'Máy chủ chỉ nhận yêu cầu GET và POST'],
  [
    /^PersistedQueryNot(?:Found|Supported)$/,
    'PERSISTED_QUERY_NOT_SUPPORTED',
    () => 'Máy chủ không nhận truy vấn lưu sẵn (persisted query): hãy gửi cả tài liệu trong "query"',
  ],
];

function first(rules: readonly Rule[], message: string): RequestProblem | undefined {
  for (const [pattern, problem, say] of rules) {
    const m = pattern.exec(message);
    if (m) return { message: say(m), problem };
  }
  return undefined;
}

/** A quoted value in a message is shown up to this many characters. */
const MAX_QUOTED = 120;
/** Longer messages (after {@link shortenQuoted}) are not matched: see {@link bounded}. */
const MAX_MATCHED = 2000;

/**
 * The message with every double-quoted passage longer than {@link MAX_QUOTED} cut short (`…`
 * inside the quotes), in one pass: graphql-js quotes the values it was sent (a string variable,
 * an enum value), whatever their size.
 */
export function shortenQuoted(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    if (open < 0) break;
    let close = open + 1;
    while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
    if (close >= text.length) break;
    let inner = text.slice(open + 1, close);
    if (inner.length > MAX_QUOTED) {
      inner = inner.slice(0, MAX_QUOTED);
      // Neither half of an escape nor half of a surrogate pair.
      inner = inner.replace(/\\u[0-9A-Fa-f]{0,3}$|[\uD800-\uDBFF]$/, '');
      const slashes = /\\+$/.exec(inner)?.[0].length ?? 0;
      if (slashes % 2 === 1) inner = inner.slice(0, -1);
      inner += '…';
    }
    out += text.slice(at, open + 1) + inner + '"';
    at = close + 1;
  }
  return out + text.slice(at);
}

/**
 * The message as the rules read it: its quoted values shortened, and undefined when it is still
 * longer than {@link MAX_MATCHED} (an object of thousands of keys, say). The rules' patterns are
 * linear on a message of this size; on one of a megabyte a crafted value could make their
 * backtracking quadratic, which would let a request hold the process.
 */
function bounded(message: string): string | undefined {
  const short = message.length > MAX_QUOTED ? shortenQuoted(message) : message;
  return short.length > MAX_MATCHED ? undefined : short;
}

/** A message too long to restate: what it is about, without it. */
function tooLong(message: string): RequestProblem {
  if (message.startsWith('Variable "$'))
    return {
      message: 'Một biến gửi lên có giá trị không hợp lệ (giá trị quá dài để nhắc lại ở đây)',
      problem: 'INVALID_VARIABLE',
    };
  return { message: 'Yêu cầu không hợp lệ (chi tiết quá dài để nhắc lại ở đây)', problem: 'INVALID_REQUEST' };
}

/**
 * The Vietnamese of a request error's English message, or undefined for a message no rule
 * knows (one of ours, already Vietnamese, or a template a new graphql-js added). A
 * `Did you mean …?` hint is restated, or dropped with `hideSuggestions` (production: it spells
 * out the schema). Quoted values are shown up to {@link MAX_QUOTED} characters.
 */
export function vietnameseRequestProblem(message: string, hideSuggestions: boolean): RequestProblem | undefined {
  const text = bounded(message);
  if (text === undefined) return tooLong(message);
  const syntax = /^Syntax Error: /.exec(text);
  if (syntax) return first(SYNTAX_RULES, text.slice(syntax[0].length));
  const tail = SUGGESTION_TAIL.exec(text);
  const main = tail ? text.slice(0, tail.index) : text;
  const said =
    invalidVariable(main) ?? refusedLiteral(main) ?? first(RULES, main) ?? first(ARGUMENT_RULES, main) ?? refusedLeaf(main);
  if (!said) return undefined;
  if (!tail || hideSuggestions) return said;
  return { message: `${said.message}. ${suggestion(tail)}`, problem: said.problem };
}

/**
 * The Vietnamese of an error graphql-js raised while executing a field, when it is the client's
 * doing (an argument it refused); undefined for every other execution error, which is ours.
 */
export function argumentProblem(message: string): RequestProblem | undefined {
  if (!message.startsWith('Argument "')) return undefined;
  const text = bounded(message);
  return text === undefined ? tooLong(message) : first(ARGUMENT_RULES, text);
}

/** Every `problem` code a request error can carry (docs/api.md lists them). */
export function knownRequestProblems(): ReadonlySet<string> {
  return new Set([
    'INVALID_VARIABLE',
    'WRONG_VALUE_TYPE',
    'INVALID_REQUEST',
    ...[...SYNTAX_RULES, ...RULES, ...ARGUMENT_RULES].map((r) => r[1]),
  ]);
}
