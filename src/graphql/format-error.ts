import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError, ErrorCode, type FieldProblem } from '../common/errors';
import { vietnameseProblem } from '../common/field-problem';
import type { Logger } from '../common/logger';
import { pgErrorFields } from '../db/pg-error';
import { argumentProblem, vietnameseRequestProblem } from './request-problem';

/** Codes graphql-js and Apollo use before execution; all are the client's doing. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Flattens class-validator's tree into `input.email`-style paths, each problem in Vietnamese with its code. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {}))
      out.push(vietnameseProblem({ path, message }, constraint));
    if (e.children?.length) out.push(...fieldProblems(e.children, path));
  }
  return out;
}

export interface FormatOptions {
  logger: Logger;
  requestId: string;
  /** Strip "Did you mean …?" hints (production). */
  hideSuggestions: boolean;
}

/**
 * PostgreSQL refused text no column can hold: NUL in text (22021, "invalid byte sequence for
 * encoding UTF8: 0x00") or `\u0000` in jsonb (22P05). The field validators refuse it first where
 * they check control characters; this is the net for every other text, so it is the client's
 * mistake (and its statement's transaction rolled back), not an internal error.
 */
function isUnstorableText(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = pgErrorFields(error);
  return code === '22021' || code === '22P05';
}

const stripSuggestions = (message: string) => message.replace(/ ?Did you mean .+\?$/, '');

/**
 * Maps any error to the closed set of codes. Application errors keep their message and
 * details; request errors become BAD_USER_INPUT with the original reason; anything else is
 * logged with the request id and masked.
 */
export function formatError(error: unknown, opts: FormatOptions): GraphQLFormattedError {
  const gqlError = error instanceof GraphQLError ? error : undefined;
  const cause = gqlError?.originalError ?? (gqlError ? undefined : error);
  // Apollo wraps parse, validation and variable errors in its own GraphQLError whose
  // originalError is the plain graphql-js error (`originalError ?? graphqlError`): that is the
  // client's mistake restated, not a cause, and must not be masked as an internal error.
  const restated = cause instanceof GraphQLError && !cause.originalError && !(cause instanceof ArgumentValidationError);
  const original = restated ? undefined : cause;
  const base = { locations: gqlError?.locations, path: gqlError?.path };

  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError || gqlError instanceof ArgumentValidationError) {
    const v = (original instanceof ArgumentValidationError ? original : gqlError) as ArgumentValidationError;
    const fields = fieldProblems(v.extensions.validationErrors);
    const message = `Dữ liệu không hợp lệ: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`;
    return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_INPUT', fields } };
  }
  if (isUnstorableText(original)) {
    return {
      ...base,
      message:
        'Dữ liệu gửi lên chứa ký tự NUL (\\u0000), ký tự mà cơ sở dữ liệu không lưu được; không có gì được ghi: hãy bỏ ký tự đó rồi gửi lại',
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'MALFORMED_TEXT' },
    };
  }
  // An argument graphql-js refused while executing: it has a path like a resolver's error, but
  // the client sent it (a variable with a default, sent as null, in a non-null position).
  const argument = restated && gqlError?.path ? argumentProblem(gqlError.message) : undefined;
  if (argument) {
    return {
      ...base,
      message: argument.message,
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_ARGUMENT', problem: argument.problem },
    };
  }
  if (gqlError) {
    const code = String(gqlError.extensions?.['code'] ?? '');
    // Without a code, only errors outside execution (parse, validation over WebSocket) are the
    // client's; an execution error without a cause (a null in a non-null field) is ours.
    if (REQUEST_ERROR_CODES.has(code) || (!gqlError.path && !code && !original)) {
      // graphql-js's and Apollo's English restated in Vietnamese, with the kind of problem;
      // our own rules' messages are Vietnamese already.
      const said = vietnameseRequestProblem(gqlError.message, opts.hideSuggestions);
      const message = said?.message ?? (opts.hideSuggestions ? stripSuggestions(gqlError.message) : gqlError.message);
      // A rule's own reason (e.g. INTROSPECTION_DISABLED) is more precise than the phase's code.
      const ownReason = gqlError.extensions?.['reason'];
      const reason = typeof ownReason === 'string' ? ownReason : code && code !== 'BAD_USER_INPUT' ? code : undefined;
      return {
        ...base,
        message,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(reason ? { reason } : {}), ...(said ? { problem: said.problem } : {}) },
      };
    }
    if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.FORBIDDEN) {
      const reason = gqlError.extensions?.['reason'];
      return { ...base, message: gqlError.message, extensions: { code, ...(typeof reason === 'string' ? { reason } : {}) } };
    }
  }
  const unexpected = original ?? error;
  opts.logger.error(
    {
      err:
        unexpected instanceof Error
          ? { type: unexpected.name, message: unexpected.message, stack: unexpected.stack }
          : String(unexpected),
      path: gqlError?.path,
    },
    'unexpected error',
  );
  return {
    ...base,
    message: `Lỗi máy chủ; khi báo lỗi, hãy ghi kèm mã yêu cầu ${opts.requestId}`,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: 'INTERNAL', requestId: opts.requestId },
  };
}
