import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/**
 * Structured JSON logs, one line per entry. Log lines carry ids only: never a national ID, a name,
 * or health or criminal-justice details.
 */
export function createServiceLogger(service: string, level = 'info'): ConsoleLogger {
  return new ConsoleLogger(service, { json: true, logLevels: LEVELS[level] ?? LEVELS.info, colors: false });
}
