import { AppError, ErrorCode } from '../../common/errors';

/** Refusals of a whole file (before any row is read), in Vietnamese like the row report. */
export const ImportErrors = {
  /** The file cannot be read as a sheet at all (format, encoding, a broken zip). */
  file: (message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, { reason: 'UNREADABLE_FILE' }),
  tooLarge: (sizeBytes: number, maxBytes: number) =>
    new AppError(
      ErrorCode.BAD_USER_INPUT,
      `Tệp nặng ${mb(sizeBytes)}, quá giới hạn ${mb(maxBytes)}: không đọc tệp, không nhập gì. Chia tệp thành nhiều tệp nhỏ hơn.`,
      { reason: 'FILE_TOO_LARGE', maxBytes, httpStatus: 413 },
    ),
  tooManyRows: (maxRows: number) =>
    new AppError(
      ErrorCode.BAD_USER_INPUT,
      `Tệp có hơn ${maxRows.toLocaleString('vi-VN')} dòng dữ liệu: không nhập gì. Chia tệp thành nhiều tệp nhỏ hơn.`,
      { reason: 'TOO_MANY_ROWS', maxRows, httpStatus: 413 },
    ),
  unknownKind: (kind: string, known: string[]) =>
    new AppError(ErrorCode.NOT_FOUND, `Không có loại dữ liệu nhập "${kind}"; các loại có: ${known.join(', ')}`, { kind }),
};

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
