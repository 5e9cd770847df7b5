import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured JSON logs (to stdout unless `destination` is given). Authorization headers and key
 * material are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'key', '*.key', 'adminApiKey', 'config.adminApiKey',
        'secret', '*.secret', 'webhookSecretKey', 'config.webhookSecretKey', 'headers["webhook-signature"]'],
      censor: '[redacted]',
    },
  }, destination);
}
