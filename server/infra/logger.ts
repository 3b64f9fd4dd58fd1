import { pino, type Logger } from 'pino';

/** Creates the process logger (JSON lines on stdout; secrets redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'token'],
  });
}

export type { Logger };

/** The process's memory in MiB, for log lines after the large loads (what an operator sizes by). */
export function memoryMiB(): { rss: number; heapUsed: number; heapTotal: number; external: number } {
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 1048576);
  return { rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external) };
}
