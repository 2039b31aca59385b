import { EnvValidationError } from '@overgang/config';
import { DomainError } from '@overgang/core';
import { DatabaseErrorFields, databaseErrorFields, isDatabaseError } from '@overgang/persistence';

/**
 * What a log line may say about an error. A message is only kept where it is known to hold no
 * personal data (a DomainError's, by its contract, and a configuration error's); a database error's message, detail, statement
 * and parameters, and any other error's message, are left out.
 */
export interface SafeError extends DatabaseErrorFields {
  /** The error's class: QueryFailedError, KafkaJSConnectionError, TypeError… */
  type: string;
  /** SQLSTATE, a DomainError code, a Node errno code or a kafkajs error type. */
  code?: string;
  message?: string;
  /** An HttpException's status. */
  status?: number;
  syscall?: string;
  retriable?: boolean;
  /** The stack frames, without the first line (which repeats the message). */
  stack?: string[];
  cause?: SafeError;
}

const SAFE = Symbol('safe-error');
const IDENTIFIER = /^[\w$.:-]{1,80}$/;
const CODE = /^[\w.-]{1,64}$/;
const MAX_FRAMES = 20;

/** Eleven digits, or six and five with a space or a dot between: the shape of a national ID. */
const ELEVEN_DIGITS = /(?<!\d)\d{6}[ .]?\d{5}(?!\d)/g;

/** Masks every number shaped like a national ID; for text that is logged but not built by us. */
export function maskNationalIds(text: string): string {
  return text.replace(ELEVEN_DIGITS, '***********');
}

/** True for what safeError returned, so a serializer can apply it twice without losing anything. */
export function isSafeError(value: unknown): value is SafeError {
  return value !== null && typeof value === 'object' && SAFE in value;
}

/** The one way to put an error in a log line. */
export function safeError(err: unknown, depth = 0): SafeError {
  if (isSafeError(err)) return err;
  const out = brand({ type: typeName(err) });
  if (err === null || typeof err !== 'object') return out;
  const e = err as Record<string, unknown>;
  if (err instanceof DomainError) {
    out.code = err.code;
    out.message = maskNationalIds(err.message);
  } else if (err instanceof EnvValidationError) {
    // Names the variables and the rules they break, never their values.
    out.message = maskNationalIds(err.message);
  } else if (isDatabaseError(err)) {
    Object.assign(out, databaseErrorFields(err));
  } else {
    const code = e.code ?? e.type;
    if (typeof code === 'string' && CODE.test(code)) out.code = code;
  }
  const status = typeof e.getStatus === 'function' ? (e.getStatus as () => unknown).call(err) : undefined;
  if (typeof status === 'number') out.status = status;
  if (typeof e.syscall === 'string' && IDENTIFIER.test(e.syscall)) out.syscall = e.syscall;
  if (typeof e.retriable === 'boolean') out.retriable = e.retriable;
  if (typeof e.stack === 'string') out.stack = stackFrames(e.stack);
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** The "at …" lines of a stack: file paths and function names, never the message above them. */
export function stackFrames(stack: string): string[] {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => maskNationalIds(line.trim()));
}

function typeName(err: unknown): string {
  if (err === null) return 'null';
  if (typeof err !== 'object') return typeof err;
  const ctor = (err as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof ctor === 'string' && IDENTIFIER.test(ctor) && ctor !== 'Object') return ctor;
  const name = (err as { name?: unknown }).name;
  return typeof name === 'string' && IDENTIFIER.test(name) ? name : 'object';
}

function brand(e: SafeError): SafeError {
  Object.defineProperty(e, SAFE, { value: true, enumerable: false });
  return e;
}

/** safeError as one line of text (a DLQ header, a summary): class, code, names, and a DomainError's message. */
export function describeError(err: unknown): string {
  const e = safeError(err);
  const names = (['schema', 'table', 'column', 'constraint', 'dataType', 'routine', 'syscall'] as const)
    .filter((k) => e[k] !== undefined)
    .map((k) => `${k} ${e[k]}`)
    .join(', ');
  const head = [e.type, e.code].filter(Boolean).join(' ');
  const text = e.message ?? e.connection;
  const cause = e.cause ? `; caused by ${describeError(e.cause)}` : '';
  return `${head}${text ? `: ${text}` : ''}${names ? ` (${names})` : ''}${cause}`;
}
