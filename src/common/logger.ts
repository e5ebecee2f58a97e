import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Redaction is a second line of defence: the code never passes GraphQL
 * variables or personal data to the logger in the first place. With `pretty` (the server passes
 * it when stdout is a terminal, never in production) the lines are rendered readable by
 * `pino-pretty` in a worker thread; the records, and their redaction, are the same.
 */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  return pino({
    level,
    ...(opts.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
    base: { service: 'giamsat' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        '*.variables',
        'variables',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}
