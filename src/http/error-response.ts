import type { Response } from 'express';
import { AppError, ErrorCode, httpStatusOf } from '../common/errors';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';

/** An error as the JSON body GraphQL clients know (`errors[].extensions.code`), with its HTTP status. */
export function sendError(res: Response, err: unknown, logger: Logger) {
  const requestId = requestScope.getStore()?.requestId ?? 'unknown';
  if (res.headersSent) {
    // Failed half-way through a body already under way: all that can be said is to cut it.
    logger.error({ requestId, err: err instanceof Error ? err.message : String(err) }, 'response failed after its headers');
    res.destroy();
    return;
  }
  if (err instanceof AppError) {
    const status = typeof err.details['httpStatus'] === 'number' ? err.details['httpStatus'] : httpStatusOf(err.code);
    const { httpStatus: _omit, ...details } = err.details;
    res.status(status).json({ errors: [{ message: err.message, extensions: { code: err.code, ...details } }] });
    return;
  }
  logger.error({ requestId, err: err instanceof Error ? err.message : String(err) }, 'upload failed');
  res.status(500).json({
    errors: [
      {
        message: `Internal server error; quote request id ${requestId}`,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
      },
    ],
  });
}
