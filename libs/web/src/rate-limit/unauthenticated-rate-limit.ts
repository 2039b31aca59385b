import { IncomingMessage } from 'http';
import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { Request } from 'express';
import { ProblemFilter, problemFor, RateLimitedError } from '../problem';
import { clientAddress, hitWindow } from './client-address';
import { RATE_LIMIT_OPTIONS, RateLimitOptions } from './rate-limit.options';

/**
 * Requests refused 401 (no token, a bad, expired or foreign one), counted per address: past the
 * limit they are answered 429 instead, so guessing tokens gets slow. A caller with a valid token
 * from the same address is not held up: only the refusals are counted and refused.
 */
@Injectable()
export class UnauthenticatedRateLimit {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  /** Counts one refused request; the 429 to answer instead when the address is over its limit. */
  async refusal(req: IncomingMessage): Promise<RateLimitedError | null> {
    const key = `unauthenticated:${clientAddress(req as Request)}`;
    const wait = await hitWindow(this.storage, key, this.options.unauthenticatedLimit, this.options.windowMs);
    return wait === null ? null : new RateLimitedError('unauthenticated', wait);
  }
}

/** The services' ProblemFilter: every error to problem+json, a 401 past the address's limit as 429. */
@Catch()
export class RateLimitedProblemFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  constructor(private readonly unauthenticated: UnauthenticatedRateLimit) {}

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    if (host.getType() !== 'http' || problemFor(exception).problem.status !== 401) {
      return this.problems.catch(exception, host);
    }
    const req = host.switchToHttp().getRequest<IncomingMessage>();
    return this.unauthenticated.refusal(req).then(
      (limited) => this.problems.catch(limited ?? exception, host),
      () => this.problems.catch(exception, host),
    );
  }
}
