import { Logger as NestLogger } from '@nestjs/common';
import { Logger, QueryFailedError } from 'typeorm';

/** What a database error means for the caller. */
export type DatabaseErrorMeaning =
  /** The database is down, frozen, overloaded or busy: nothing was changed; try again later. */
  | { kind: 'unavailable'; retryAfterSeconds: number }
  /** The database refused a value the request carried (validation should have caught it). */
  | { kind: 'input'; rule: string; column?: string; constraint?: string }
  /** The request conflicts with something stored (a unique key). */
  | { kind: 'conflict'; constraint?: string };

interface PgErrorFields {
  code?: string;
  column?: string;
  constraint?: string;
  table?: string;
  message?: string;
}

const fields = (err: unknown): PgErrorFields => (err !== null && typeof err === 'object' ? err : {});

const SQLSTATE = /^[0-9A-Z]{5}$/;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres says when the pool, the socket or its client-side query timeout gives up. */
const CONNECTION_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|Query read timeout|not queryable|Connection ended/i;

const INPUT_RULES: Record<string, string> = {
  '22P02': 'invalidValue',
  '22001': 'tooLong',
  '22003': 'outOfRange',
  '22007': 'invalidDate',
  '22008': 'invalidDate',
  '22021': 'invalidCharacters',
  '22P05': 'invalidCharacters',
  '23502': 'required',
  '23514': 'check',
  '54000': 'tooLarge',
};

/**
 * Reads a database error: unavailable (SQLSTATE classes 08, 53, 57, lock and idle timeouts,
 * serialization failures and deadlocks, any error while connecting, the pool's and the client's
 * timeouts), a value the database refused, a unique conflict, or null for a fault of ours.
 */
export function databaseErrorMeaning(err: unknown): DatabaseErrorMeaning | null {
  const { code = '', column, constraint, message = '' } = fields(err);
  if (code === '40001' || code === '40P01') return { kind: 'unavailable', retryAfterSeconds: 1 };
  if (/^(08|53|57)/.test(code) || code === '55P03' || code === '25P03') {
    return { kind: 'unavailable', retryAfterSeconds: 5 };
  }
  if (NETWORK_CODES.has(code) || CONNECTION_MESSAGES.test(message)) {
    return { kind: 'unavailable', retryAfterSeconds: 5 };
  }
  // A server error that did not come from a query came while connecting (e.g. "the database is
  // not accepting connections"): the database is not there for us.
  if (SQLSTATE.test(code) && !(err instanceof QueryFailedError)) {
    return { kind: 'unavailable', retryAfterSeconds: 5 };
  }
  if (!(err instanceof QueryFailedError)) return null;
  const rule = INPUT_RULES[code];
  if (rule) return { kind: 'input', rule, column, constraint };
  if (code === '23505') return { kind: 'conflict', constraint };
  return null;
}

/** True for any error raised by the database or the driver (a query, a connection, a timeout). */
export function isDatabaseError(err: unknown): boolean {
  return err instanceof QueryFailedError || databaseErrorMeaning(err) !== null;
}

/** The parts of a database error that name things, never values: what a log line may carry. */
export interface DatabaseErrorFields {
  /** SQLSTATE (e.g. 23505) or the driver's network code (ECONNREFUSED). */
  code?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  /** The server function that raised it (e.g. _bt_check_unique). */
  routine?: string;
  /** The driver's own fixed text for a lost or timed-out connection, which quotes nothing. */
  connection?: string;
}

const NAME = /^[\w$.-]{1,128}$/;
const NAMED = ['code', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

/**
 * The loggable facts of a database error. A server message may quote the value refused, `detail`
 * prints the failing row ("Key (national_id)=(…)"), and TypeORM keeps the statement's parameters:
 * all of them are left out, whatever the error.
 */
export function databaseErrorFields(err: unknown): DatabaseErrorFields {
  const f = fields(err) as Record<string, unknown>;
  const out: DatabaseErrorFields = {};
  for (const key of NAMED) {
    const value = f[key];
    if (typeof value === 'string' && NAME.test(value)) out[key] = value;
  }
  const connection = typeof f.message === 'string' ? CONNECTION_MESSAGES.exec(f.message) : null;
  if (connection) out.connection = connection[0];
  return out;
}

/** A database error for a log line: its SQLSTATE and the names it concerns, never its text or values. */
export function describeDatabaseError(err: unknown): string {
  const { code, connection, ...names } = databaseErrorFields(err);
  const where = Object.entries(names)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const what = [code && `SQLSTATE ${code}`, connection].filter(Boolean).join(': ') || 'database error';
  return `${what}${where ? ` (${where})` : ''}`;
}

/** What the server or the driver says when a pooled connection goes away: fixed texts that quote nothing. */
const POOL_TEXTS =
  /terminating connection due to (?:administrator command|idle-in-transaction timeout|idle-session timeout)|Connection terminated(?: unexpectedly)?|connection timeout/;

/** TypeORM's logger for the services: failed statements by their SQL and error names, never their values. */
export class ParameterFreeQueryLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({
      msg: `query failed: ${describeDatabaseError(error)}; statement: ${query.slice(0, 120)}`,
      db: databaseErrorFields(error),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 120)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  // TypeORM's own warnings are fixed texts about its set-up, but for the pool's, which appends the
  // error it got: only the fixed part and a known server text are kept.
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level !== 'warn' || typeof message !== 'string') return;
    const pool = /^Postgres pool raised an error\.(.*)$/s.exec(message);
    if (!pool) return this.logger.warn(message);
    const known = POOL_TEXTS.exec(pool[1]);
    this.logger.warn(`Postgres pool raised an error${known ? `: ${known[0]}` : ''}`);
  }
}
