import { ThrottlerStorageService } from '@nestjs/throttler';
import { NextFunction, Request, Response } from 'express';
import { rateLimitedAnswer, RateLimitedError, writeProblem } from '../problem';
import { clientAddress, hitWindow } from './client-address';

export interface AddressRateLimitOptions {
  /** Requests per window from one address. */
  limit: number;
  windowMs: number;
  /** Requests never counted (health probes). */
  skip?: (req: Request) => boolean;
}

/**
 * Every request from one address counted in a sliding window, before anything else reads it;
 * past the limit 429 problem+json with Retry-After. For the gateway, whose proxied requests never
 * reach a Nest guard.
 */
export function addressRateLimit(o: AddressRateLimitOptions) {
  const storage = new ThrottlerStorageService();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (o.skip?.(req)) return next();
    hitWindow(storage, `address:${clientAddress(req)}`, o.limit, o.windowMs).then((wait) => {
      if (wait === null) return next();
      writeProblem(res, rateLimitedAnswer(new RateLimitedError('address', wait)), req);
    }, next);
  };
}
