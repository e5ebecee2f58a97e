import { vietnameseProblem } from './field-problem';

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
  new AppError(ErrorCode.BAD_USER_INPUT, message, {
    ...(fields.length ? { fields: fields.map((f) => vietnameseProblem(f)) } : {}),
    ...(reason ? { reason } : {}),
  });
/**
 * BAD_USER_INPUT for several offending fields at once, each named in the message and in
 * `extensions.fields` (in Vietnamese, with a per-field `code`); `extensions.reason` is INVALID_INPUT.
 */
export const invalidInput = (problems: FieldProblem[]) => {
  const fields = problems.map((p) => vietnameseProblem(p));
  return badInput(`Dữ liệu không hợp lệ: ${fields.map((p) => `${p.path}: ${p.message}`).join('; ')}`, fields, 'INVALID_INPUT');
};

/** What a NOT_FOUND names, in Vietnamese, and the stem of its reason (`CADRE` → `CADRE_NOT_FOUND`). */
const THINGS: Record<string, readonly [string, string]> = {
  Account: ['tài khoản', 'ACCOUNT'],
  Cadre: ['cán bộ', 'CADRE'],
  Commendation: ['khen thưởng', 'COMMENDATION'],
  'Discipline case': ['hồ sơ kỷ luật', 'DISCIPLINE_CASE'],
  Evaluation: ['đánh giá', 'EVALUATION'],
  File: ['tệp', 'FILE'],
  Finding: ['phát hiện', 'FINDING'],
  'Follow-up item': ['kiến nghị sau kết luận', 'FOLLOW_UP_ITEM'],
  'Identity access request': ['đề nghị xem danh tính người tố cáo', 'IDENTITY_ACCESS_REQUEST'],
  'Inspection plan': ['kế hoạch kiểm tra', 'INSPECTION_PLAN'],
  Inspection: ['cuộc kiểm tra', 'INSPECTION'],
  Notification: ['thông báo', 'NOTIFICATION'],
  'Plan item': ['mục kế hoạch', 'PLAN_ITEM'],
  Post: ['chức vụ', 'POST'],
  'Procedure case': ['hồ sơ thủ tục hành chính', 'PROCEDURE_CASE'],
  'Reception session': ['buổi tiếp công dân', 'RECEPTION_SESSION'],
  'Report with receipt code': ['đơn thư có mã tiếp nhận', 'REPORT'],
  Report: ['đơn thư', 'REPORT'],
  Unit: ['cơ quan, đơn vị', 'UNIT'],
};

/** The Vietnamese name of a kind of record and its reason stem; an unlisted kind is named as given. */
export const thing = (what: string): readonly [string, string] =>
  THINGS[what] ?? [what, what.toUpperCase().replace(/[^A-Z0-9]+/g, '_')];

/**
 * NOT_FOUND for one record: "Không tìm thấy cán bộ <id>", `extensions.reason` CADRE_NOT_FOUND and
 * `extensions.id`. Also for what exists but the caller may not see: the answer does not tell.
 */
export const notFound = (what: string, id: string) => {
  const [vi, stem] = thing(what);
  return new AppError(ErrorCode.NOT_FOUND, `Không tìm thấy ${vi} ${id}`, { id, reason: `${stem}_NOT_FOUND` });
};
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, message, details);
export const forbidden = (message = 'Vai trò của bạn không được làm việc này', reason = 'ROLE_NOT_ALLOWED') =>
  new AppError(ErrorCode.FORBIDDEN, message, { reason });
export const unauthenticated = (
  message = 'Hãy đăng nhập trước: gửi mã đăng nhập hợp lệ trong tiêu đề Authorization',
  reason = 'NOT_SIGNED_IN',
) => new AppError(ErrorCode.UNAUTHENTICATED, message, { reason });
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
