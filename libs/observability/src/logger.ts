import { LoggerService, LogLevel } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as Pino } from 'pino';
import { currentLogContext } from './log-context';
import { isSafeError, maskNationalIds, safeError, stackFrames } from './safe-error';

/**
 * Keys whose values are personal data or secrets wherever they appear in a logged object (up to
 * three levels down): they are written as "[redacted]". Log lines are built from ids, codes and
 * counts; this is the net under that rule.
 */
export const REDACTED_KEYS = [
  'nationalId',
  'personNationalId',
  'fnr',
  'dnr',
  'name',
  'fullName',
  'firstName',
  'lastName',
  'email',
  'phone',
  'phoneNumber',
  'address',
  'accountNumber',
  'kid',
  'guardian',
  'body',
  'query',
  'parameters',
  'detail',
  'payload',
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'accessToken',
  'idToken',
  'refreshToken',
] as const;

export const REDACTED = '[redacted]';

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

export const REDACT_PATHS = REDACTED_KEYS.flatMap((k) =>
  ['', '*', '*.*', '*.*.*'].map((prefix) => `${prefix}${key(k)}`.replace(/^\./, '')),
);

const NEST_TO_PINO: Record<LogLevel, Level> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

const PINO_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

let stdout: DestinationStream | undefined;

/** One synchronous writer on fd 1 for every logger of the process: lines never interleave or get lost at exit. */
function processStdout(): DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: true });
  return stdout;
}

/** The pino instance behind a service's logs: JSON lines with service, level, time and correlation id. */
export function createPino(service: string, level = 'info', destination?: DestinationStream): Pino {
  return pino(
    {
      level: PINO_LEVELS.has(level) ? level : 'info',
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentLogContext()?.correlationId;
        return correlationId ? { correlationId } : {};
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Whatever lands under these keys is reduced to its class, code, names and stack frames.
      serializers: { err: safeError, error: safeError, cause: safeError },
      hooks: {
        // Free text is written by code, not by the data, but a number shaped like a national ID is masked all the same.
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskNationalIds(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination ?? processStdout(),
  );
}

/**
 * Nest's LoggerService over pino, so Nest's own lines, `new Logger(context)` in our code and the
 * kafkajs and TypeORM loggers all come out as the same redacted JSON. A message may be a string or
 * an object (`{ msg, ...fields }`); an Error anywhere is logged through safeError, and a stack
 * string as its frames only.
 */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((l) => levels.includes(l));
    this.pino.level = lowest ? NEST_TO_PINO[lowest] : 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest passes the context last: Logger('X').error(msg, stack) arrives as (msg, stack, 'X').
    const last = params[params.length - 1];
    if (typeof last === 'string' && !isStack(last)) {
      fields.context = last;
      params = params.slice(0, -1);
    }
    let msg = '';
    if (message instanceof Error || isSafeError(message)) {
      const err = safeError(message);
      fields.err = err;
      msg = err.type;
    } else if (message !== null && typeof message === 'object') {
      const { msg: text, message: alt, ...rest } = message as Record<string, unknown>;
      Object.assign(fields, rest);
      msg = typeof text === 'string' ? text : typeof alt === 'string' ? alt : '';
    } else {
      msg = String(message);
    }
    const extra: string[] = [];
    for (const p of params) {
      if (typeof p === 'string' && isStack(p)) fields.stack = stackFrames(p);
      else if (p instanceof Error) fields.err = safeError(p);
      else if (typeof p === 'string') extra.push(p);
      else if (p !== undefined) extra.push(typeof p);
    }
    this.pino[level](fields, [msg, ...extra].filter(Boolean).join(' '));
  }
}

function isStack(text: string): boolean {
  return /\n\s+at /.test(text);
}

/**
 * The logger a service gives Nest. LOG_LEVEL is one of debug, info, warn, error; tests run at warn.
 * `destination` is for tests that read what was written.
 */
export function createServiceLogger(
  service: string,
  level = 'info',
  destination?: DestinationStream,
): ServiceLogger {
  return new ServiceLogger(createPino(service, level, destination));
}
