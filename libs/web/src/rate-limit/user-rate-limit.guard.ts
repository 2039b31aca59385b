import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Principal } from '@overgang/auth';
import { RateLimitedError } from '../problem';

const principalOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<{ user?: Principal }>().user;

/**
 * The per-user limit, across every endpoint of the service. Registered after the auth guards
 * (configureHttpApp), so it keys on the verified principal only: a forged or foreign token never
 * reaches it and cannot spend someone else's budget. Requests without a principal are the public
 * ones (health) and those refused 401, which UnauthenticatedRateLimit counts by address.
 */
@Injectable()
export class UserRateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http' || !principalOf(context));
  }

  protected override getTracker(req: { user?: Principal }): Promise<string> {
    return Promise.resolve(`user:${req.user!.organisationNumber}:${req.user!.userId}`);
  }

  /** One budget per user for the whole service, not one per endpoint (the library's default). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError('user', detail.timeToBlockExpire);
  }
}
