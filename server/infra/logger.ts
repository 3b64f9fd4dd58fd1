import { pino, type Logger } from 'pino';

/** Creates the process logger (JSON lines on stdout; secrets redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'token'],
  });
}

export type { Logger };
