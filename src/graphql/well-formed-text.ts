import { GraphQLError, type ValidationRule } from 'graphql';
import { ErrorCode } from '../common/errors';

/** A UTF-16 surrogate standing alone (with the `u` flag a well-formed pair is one code point, not a match). */
const LONE_SURROGATE = /\p{Cs}/u;

/** What a person reads about such text, after the place it was found, naming what was found. */
const LONE_HALF = 'một nửa cặp ký tự thay thế UTF-16 đứng riêng';
const malformedWhy = (what: string) => `chứa ký tự không hợp lệ (${what}): hãy gửi văn bản Unicode hợp lệ`;

/**
 * The path (`variables.input.email`) of the first text in `value` that is not well-formed Unicode,
 * or null. JSON's `"\ud800"` escape makes such a string, and libraries that encode text (the
 * e-mail validator's `encodeURI`, a URL, a hash of UTF-8) throw on it instead of answering.
 */
export function malformedTextPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = malformedTextPath(v, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const found = malformedTextPath(v, `${path}.${k}`, depth + 1) ?? malformedTextPath(k, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * BAD_USER_INPUT (reason MALFORMED_TEXT) when a variable holds text that is not well-formed
 * Unicode, before any resolver sees it; nothing else is checked here. `http.status` is for Apollo
 * (400, and it takes the key out of the answer); the WebSocket and in-process paths ignore it.
 */
export function assertWellFormedVariables(variables: Record<string, unknown> | null | undefined): void {
  const path = variables ? malformedTextPath(variables, 'variables') : null;
  if (!path) return;
  throw new GraphQLError(`Giá trị ${path} ${malformedWhy(LONE_HALF)}`, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      reason: 'MALFORMED_TEXT',
      fields: [{ path, message: 'ký tự Unicode không hợp lệ', code: 'MALFORMED_TEXT' }],
      http: { status: 400 },
    },
  });
}

/**
 * The same refusal for a string written in the document itself (`search: "a\u0000b"`), as a
 * validation rule of the document policy, so every transport applies it before anything runs;
 * here NUL too, which no PostgreSQL text can hold (the statement would fail: "invalid byte
 * sequence for encoding UTF8: 0x00"). NUL in a variable is left to the field validators
 * (NO_CONTROL_CHARS), which name the field, and behind them to formatError's net.
 */
export const WellFormedTextRule: ValidationRule = (context) => ({
  StringValue(node) {
    const what = node.value.includes('\u0000') ? 'ký tự NUL' : LONE_SURROGATE.test(node.value) ? LONE_HALF : null;
    if (!what) return;
    context.reportError(
      new GraphQLError(`Một chuỗi trong tài liệu truy vấn ${malformedWhy(what)}`, {
        nodes: node,
        extensions: { reason: 'MALFORMED_TEXT' },
      }),
    );
  },
});
