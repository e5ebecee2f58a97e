/**
 * The closed set of error codes a client can receive in `extensions.code`. Every module raises
 * {@link AppError}s with one of these; `src/graphql/format-error.ts` maps everything else to a
 * masked INTERNAL_SERVER_ERROR.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** Too many attempts from one client or for one account; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One offending input field, as a dotted path from the argument (`input.email`). */
export interface FieldProblem {
  path: string;
  /** In Vietnamese, for the person who filled the form. */
  message: string;
  /** Stable code of the rule the field broke (`DATE_FORMAT`, `MAX_LENGTH` …), for a frontend to choose its words. */
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** `reason` is a stable code for the rule that refused the input (`extensions.reason`), for frontends to choose their words. */
export const badInput = (message: string, fields: FieldProblem[] = [], reason?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { ...(fields.length ? { fields } : {}), ...(reason ? { reason } : {}) });
/** BAD_USER_INPUT for several offending fields at once, each named in the message and in `extensions.fields`. */
export const invalidInput = (problems: FieldProblem[]) =>
  badInput(`Dữ liệu không hợp lệ: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
export const notFound = (what: string, id: string) => new AppError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`, { id });
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, message, details);
export const forbidden = (message = 'Your role does not allow this') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in first: send a valid token in the Authorization header') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });

/** Adds a stable `extensions.reason` (the rule that refused) to an error, for frontends to choose their words. */
export function withReason<E extends AppError>(err: E, reason: string): E {
  err.details['reason'] = reason;
  return err;
}

/** HTTP status to use when the error ends a request before GraphQL execution. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
  }
}
