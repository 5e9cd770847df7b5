import pino, { Logger } from 'pino';

/** Structured JSON logs. Authorization headers and key material are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'key', '*.key', 'adminApiKey', 'config.adminApiKey'],
      censor: '[redacted]',
    },
  });
}
