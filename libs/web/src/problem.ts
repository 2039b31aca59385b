import { IncomingMessage, ServerResponse } from 'http';
import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@overgang/core';
import { safeError } from '@overgang/observability';
import { databaseErrorMeaning, isDatabaseError } from '@overgang/persistence';
import { invalidDetail, localizeProblem, problemLanguage } from './problem-texts';

export interface FieldProblem {
  /** Dotted path of the field in the request body or query, or the path parameter's name. */
  field: string;
  /** The rule it broke, e.g. isNorwegianNationalId. */
  rule: string;
  /** The rule in plain language; never echoes the submitted value. */
  message: string;
}

/** A refused request body: every field and the rule it broke. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super('The request has fields that are missing or not valid.');
  }
}

/** One field, one rule: the usual refusal of a check outside class-validator. */
export const invalidField = (field: string, rule: string, message: string) =>
  new RequestValidationError([{ field, rule, message }]);

/** A request refused as a whole before any handler ran: too large, of a type the endpoint does not take. */
export class RequestRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    /** Stable code, e.g. REQUEST.UNSUPPORTED_MEDIA_TYPE. */
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Who ran out of requests: a signed-in user, an address, or an address sending requests without a valid token. */
export type RateLimitScope = 'user' | 'address' | 'unauthenticated';

/** More requests than the caller's limit allows in the window (see rate-limit/); nothing was done. */
export class RateLimitedError extends Error {
  constructor(
    readonly scope: RateLimitScope,
    /** Until a request is let through again. */
    readonly retryAfterSeconds: number,
  ) {
    super('Too many requests.');
  }
}

/** The request ran past its deadline; its transaction is rolled back (see request-deadline.ts). */
export class RequestTimedOutError extends Error {
  constructor() {
    super('The request ran past its deadline.');
  }
}

/** How a key the endpoint does not take is named back, by the validation pipe and by request-input.ts alike. */
export const unknownFieldMessage = (field: string) => `${field} is not a field this endpoint accepts`;

/** A flood of field problems (50 000 unknown keys) is cut to the first few. */
const MAX_FIELD_PROBLEMS = 20;

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? unknownFieldMessage(field) : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Strict body validation: unknown fields are refused, types converted, every problem reported. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Cannot be processed',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/** A problem document and, for a 503, how many seconds the caller should wait (Retry-After). */
export interface ProblemAnswer {
  problem: ProblemDocument;
  retryAfterSeconds?: number;
}

const urn = (code: string) => `urn:overgang:problem:${code.toLowerCase().replace(/[._]/g, '-')}`;

function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return { type: urn(code), title: TITLES[status] ?? 'Error', status, code, detail, ...extra };
}

function invalid(errors: FieldProblem[]): ProblemDocument {
  const shown = errors.slice(0, MAX_FIELD_PROBLEMS);
  return problem(400, 'REQUEST.INVALID', invalidDetail(shown, 'en', errors.length - shown.length), {
    errors: shown,
  });
}

export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const RATE_LIMITED: Record<RateLimitScope, (seconds: number) => string> = {
  user: (s) =>
    `Du har sendt flere forespørsler enn tillatt på kort tid. Ingenting ble gjort; vent ${s} sekunder og prøv igjen.`,
  address: (s) =>
    `Det har kommet flere forespørsler fra adressen din enn tillatt på kort tid. Ingenting ble gjort; vent ${s} sekunder og prøv igjen.`,
  unauthenticated: (s) =>
    `Det har kommet for mange forespørsler uten gyldig pålogging fra adressen din. Vent ${s} sekunder, logg inn på nytt og prøv igjen.`,
};

/** 429 with Retry-After: the caller may try again once the window lets it through. */
export function rateLimitedAnswer(e: RateLimitedError): ProblemAnswer {
  const seconds = Math.max(1, Math.ceil(e.retryAfterSeconds));
  return {
    problem: problem(429, 'REQUEST.RATE_LIMITED', RATE_LIMITED[e.scope](seconds), { limit: e.scope }),
    retryAfterSeconds: seconds,
  };
}

/** What every failure of a request means for its caller: one mapping, used by every service. */
export function problemFor(exception: unknown): ProblemAnswer {
  if (exception instanceof RequestValidationError) return { problem: invalid(exception.errors) };
  if (exception instanceof RateLimitedError) return rateLimitedAnswer(exception);
  if (exception instanceof RequestRefusedError) {
    return { problem: problem(exception.status, exception.code, exception.message, exception.details) };
  }
  if (exception instanceof RequestTimedOutError) return { problem: timedOutProblem(), retryAfterSeconds: 5 };
  if (exception instanceof DomainError) {
    const status = STATUS[exception.kind];
    return { problem: problem(status, exception.code, exception.message, exception.details) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (exception instanceof BadRequestException && /JSON/i.test(exception.message)) {
      return { problem: problem(400, 'REQUEST.INVALID_JSON', 'The request body is not valid JSON.') };
    }
    if (status === 413) {
      return {
        problem: problem(413, 'REQUEST.TOO_LARGE', `${exception.message}: the request is too large.`),
      };
    }
    return {
      problem: {
        type: `urn:overgang:problem:http-${status}`,
        title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
        status,
        code: `HTTP.${status}`,
        detail: plainDetail(status, exception),
      },
      retryAfterSeconds: status === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined,
    };
  }
  const refused = bodyParserRefusal(exception) ?? malformedMultipart(exception);
  if (refused) return { problem: refused };
  const db = databaseErrorMeaning(exception);
  switch (db?.kind) {
    case 'unavailable':
      return {
        problem: problem(
          503,
          'SERVICE.UNAVAILABLE',
          'The service cannot reach its database right now. Nothing was changed; try again in a few seconds.',
        ),
        retryAfterSeconds: db.retryAfterSeconds,
      };
    case 'input':
      return { problem: invalid([databaseFieldProblem(db.rule, db.column, db.constraint)]) };
    case 'conflict':
      return {
        problem: problem(409, 'REQUEST.CONFLICT', 'This conflicts with something already stored.', {
          constraint: db.constraint,
        }),
      };
    case undefined:
      break;
  }
  return {
    problem: problem(
      500,
      'INTERNAL',
      'Something went wrong on our side. Nothing was changed; try again, and tell support the correlation id.',
    ),
  };
}

/** Kept for callers that only need the document. */
export function toProblem(exception: unknown): ProblemDocument {
  return problemFor(exception).problem;
}

export function timedOutProblem(): ProblemDocument {
  return problem(
    503,
    'REQUEST.TIMED_OUT',
    'The request took too long and was stopped. Nothing was changed; try again in a few seconds.',
  );
}

const DATABASE_RULES: Record<string, string> = {
  invalidValue: 'is not a value of the kind this field takes',
  tooLong: 'is longer than the field allows',
  outOfRange: 'is out of range',
  invalidDate: 'is not a valid date or time',
  invalidCharacters: 'contains characters that cannot be stored',
  required: 'is required and cannot be null',
  check: 'breaks a rule of what may be stored',
  tooLarge: 'is too large to store',
};

/** The last line of defence: a value the database refused, named by its column when it says which. */
function databaseFieldProblem(rule: string, column?: string, constraint?: string): FieldProblem {
  const field = column ?? constraint ?? 'body';
  const name = column ? `The field stored as ${column}` : 'A value in the request';
  return { field, rule, message: `${name} ${DATABASE_RULES[rule] ?? 'is not valid'}` };
}

/** body-parser's refusals (http-errors marked safe to expose): too large, bad charset, bad size. */
function bodyParserRefusal(e: unknown): ProblemDocument | null {
  const err = e as { status?: unknown; expose?: unknown; type?: unknown; limit?: unknown } | null;
  if (
    !err ||
    typeof err.status !== 'number' ||
    err.expose !== true ||
    err.status < 400 ||
    err.status >= 500
  ) {
    return null;
  }
  switch (err.type) {
    case 'entity.too.large':
      return problem(
        413,
        'REQUEST.TOO_LARGE',
        `The request body is larger than the ${typeof err.limit === 'number' ? `${Math.round(err.limit / 1024)} KiB` : 'size'} this endpoint accepts.`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return problem(415, 'REQUEST.UNSUPPORTED_CHARSET', 'Send the body encoded as UTF-8 (charset=utf-8).');
    case 'entity.parse.failed':
      return problem(400, 'REQUEST.INVALID_JSON', 'The request body is not valid JSON.');
    default:
      return problem(err.status, `HTTP.${err.status}`, 'The request body could not be read.');
  }
}

/** busboy (under multer) gives up on a broken multipart body with a plain Error. */
function malformedMultipart(e: unknown): ProblemDocument | null {
  const message = e instanceof Error ? e.message : '';
  if (!/^(Multipart: |Malformed part header|Unexpected end of (form|file))/.test(message)) return null;
  return problem(400, 'REQUEST.MALFORMED_MULTIPART', 'The multipart form data is malformed.');
}

function plainDetail(status: number, exception: HttpException): string {
  switch (status) {
    case 401:
      return 'A valid bearer token is required. Get one from your organisation’s sign-in (locally: npm run token).';
    case 403:
      return 'Your role does not allow this action.';
    case 404:
      return 'There is nothing here, or you may not see it.';
    default:
      return exception.message;
  }
}

/** Sends a problem on a plain Node response: from the filter, a middleware, the deadline or the gateway. */
export function writeProblem(res: ServerResponse, answer: ProblemAnswer, req: IncomingMessage): void {
  const language = problemLanguage(req);
  const doc: ProblemDocument = {
    ...localizeProblem(answer, language),
    instance: ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0],
    correlationId: req.headers['x-correlation-id'] as string | undefined,
  };
  res.statusCode = doc.status;
  res.setHeader('content-type', 'application/problem+json; charset=utf-8');
  res.setHeader('content-language', language);
  varyOnLanguage(res);
  if (answer.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(answer.retryAfterSeconds));
  res.end(JSON.stringify(doc));
}

/** The same address answers in another language for another Accept-Language: caches must keep them apart. */
function varyOnLanguage(res: ServerResponse): void {
  const vary = res.getHeader('vary');
  const names = (Array.isArray(vary) ? vary.join(',') : String(vary ?? '')).split(',').map((v) => v.trim());
  if (names.includes('*') || names.some((v) => v.toLowerCase() === 'accept-language')) return;
  res.setHeader('vary', [...names.filter(Boolean), 'Accept-Language'].join(', '));
}

/** One place maps every error to application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<IncomingMessage>();
    const res = ctx.getResponse<ServerResponse>();
    const correlation = String(req.headers['x-correlation-id'] ?? '-');
    if (res.headersSent) {
      // The deadline has answered already (503), or a streamed answer broke half-way: cut it.
      if (!res.writableEnded) res.destroy();
      if (!(exception instanceof RequestTimedOutError)) {
        this.logger.warn({
          msg: `request ${correlation} failed after its answer was sent`,
          err: safeError(exception),
        });
      }
      return;
    }
    const answer = problemFor(exception);
    const { status } = answer.problem;
    if (status === 503 && !(exception instanceof HttpException)) {
      this.logger.warn({ msg: `request ${correlation} answered 503`, err: safeError(exception) });
    } else if (status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error({ msg: `request ${correlation} failed`, err: safeError(exception) });
    } else if (isDatabaseError(exception)) {
      this.logger.warn({ msg: `request ${correlation} refused by the database`, err: safeError(exception) });
    }
    writeProblem(res, answer, req);
  }
}
