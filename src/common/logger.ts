import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Redaction is a second line of defence: the code never passes GraphQL
 * variables or personal data to the logger in the first place.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
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
