import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RATE_LIMIT_OPTIONS, RateLimitOptions } from './rate-limit.options';
import { UnauthenticatedRateLimit } from './unauthenticated-rate-limit';
import { UserRateLimitGuard } from './user-rate-limit.guard';

/**
 * The service's rate limits, on one in-memory store. Not an APP_GUARD: configureHttpApp registers
 * the guard itself, after the auth guards, and the 401 counter in its exception filter.
 */
@Module({})
export class RateLimitModule {
  static forOptions(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'default', ttl: options.windowMs, limit: options.userLimit, blockDuration: 0 },
          ],
        }),
      ],
      providers: [
        { provide: RATE_LIMIT_OPTIONS, useValue: options },
        UserRateLimitGuard,
        UnauthenticatedRateLimit,
      ],
      exports: [UserRateLimitGuard, UnauthenticatedRateLimit],
    };
  }
}
