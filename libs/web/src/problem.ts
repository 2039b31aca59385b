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

export interface FieldProblem {
  /** Dotted path of the field in the request body or query. */
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

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownField' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a field this endpoint accepts` : message,
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
  500: 'Internal error',
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

export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof RequestValidationError) {
    return {
      type: 'urn:overgang:problem:request-invalid',
      title: TITLES[400],
      status: 400,
      code: 'REQUEST.INVALID',
      detail: `${exception.message} ${exception.errors.map((e) => e.message).join('; ')}.`,
      errors: exception.errors,
    };
  }
  if (exception instanceof DomainError) {
    const status = STATUS[exception.kind];
    return {
      type: `urn:overgang:problem:${exception.code.toLowerCase().replace(/[._]/g, '-')}`,
      title: TITLES[status],
      status,
      code: exception.code,
      detail: exception.message,
      ...exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const detail = plainDetail(status, exception);
    return {
      type: `urn:overgang:problem:http-${status}`,
      title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
      status,
      code: `HTTP.${status}`,
      detail,
    };
  }
  return {
    type: 'urn:overgang:problem:internal',
    title: TITLES[500],
    status: 500,
    code: 'INTERNAL',
    detail:
      'Something went wrong on our side. Nothing was changed; try again, and tell support the correlation id.',
  };
}

function plainDetail(status: number, exception: HttpException): string {
  switch (status) {
    case 401:
      return 'A valid bearer token is required. Get one from your organisation’s sign-in (locally: npm run token).';
    case 403:
      return 'Your role does not allow this action.';
    case 404:
      return 'There is nothing here, or you may not see it.';
    default: {
      if (exception instanceof BadRequestException && /JSON/i.test(exception.message)) {
        return 'The request body is not valid JSON.';
      }
      return exception.message;
    }
  }
}

/** One place maps every error to application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ url: string; headers: Record<string, string | undefined> }>();
    const res = ctx.getResponse<{ status(n: number): { type(t: string): { send(b: string): void } } }>();
    const problem = toProblem(exception);
    problem.instance = req.url.split('?')[0];
    problem.correlationId = req.headers['x-correlation-id'];
    if (problem.status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(
        `request ${problem.correlationId ?? '-'} failed: ${(exception as Error)?.stack ?? String(exception)}`,
      );
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
