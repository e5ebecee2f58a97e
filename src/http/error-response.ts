import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, httpStatusOf } from '../common/errors';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';
import { formatError } from '../graphql/format-error';
import type { Metrics, Transport } from './metrics';

/**
 * Error responses, for every transport: GraphQL operations' errors (HTTP and WebSocket, through
 * the one formatter), route errors as GraphQL-shaped JSON, body-parser failures, and what no
 * route handled.
 */

/** Formats an operation's error for a request id, counting it by code and transport. */
export type OperationErrorFormatter = (requestId: string, transport?: Transport) => (e: unknown) => GraphQLFormattedError;

export function operationErrorFormatter(opts: {
  logger: Logger;
  hideSuggestions: boolean;
  metrics?: Metrics | undefined;
}): OperationErrorFormatter {
  const { logger, hideSuggestions, metrics } = opts;
  return (requestId, transport = 'http') =>
    (e) => {
      const formatted = formatError(e, { logger: logger.child({ requestId }), requestId, hideSuggestions });
      metrics?.countError(String(formatted.extensions?.['code'] ?? 'UNKNOWN'), transport);
      return formatted;
    };
}

/**
 * The request's path without its query string (GET /graphql carries variables there): Express's
 * `originalUrl` when Express has seen the request, as a mounted router changes `req.url`.
 */
export function pathOf(req: IncomingMessage): string {
  return ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!;
}

/** What no route answered: logged with the request id, a masked 500 when nothing was sent yet. */
export function unhandledErrorResponder(logger: Logger) {
  return (err: unknown, req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestScope.getStore()?.requestId ?? 'unknown';
    logger.error({ requestId, err: err instanceof Error ? err.message : String(err), path: pathOf(req) }, 'unhandled HTTP error');
    if (!res.headersSent)
      jsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, `Lỗi máy chủ; khi báo lỗi, hãy ghi kèm mã yêu cầu ${requestId}`);
  };
}

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
        message: `Lỗi máy chủ; khi báo lỗi, hãy ghi kèm mã yêu cầu ${requestId}`,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
      },
    ],
  });
}

/** A GraphQL-shaped JSON error (on Express's responses and on plain node:http ones alike). */
export function jsonError(res: ServerResponse, status: number, code: ErrorCode, message: string) {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Answers a body parser's error (body-parser's or the short path's, which share their `type`s)
 * as GraphQL-shaped JSON instead of an HTML page; false for any other error.
 */
export function answeredBodyError(err: unknown, res: ServerResponse, limitBytes: number): boolean {
  const type = (err as { type?: string } | undefined)?.type;
  if (type === 'entity.too.large') {
    jsonError(res, 413, ErrorCode.BAD_USER_INPUT, `Nội dung yêu cầu lớn hơn giới hạn ${limitBytes} byte`);
  } else if (type === 'entity.parse.failed') {
    jsonError(res, 400, ErrorCode.BAD_USER_INPUT, 'Nội dung yêu cầu không phải JSON hợp lệ');
  } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    jsonError(res, 415, ErrorCode.BAD_USER_INPUT, 'Nội dung yêu cầu phải là JSON mã hóa UTF-8');
  } else {
    return false;
  }
  return true;
}
