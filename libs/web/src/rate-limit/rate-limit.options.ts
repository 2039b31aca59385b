/**
 * How many requests a caller may send in a sliding window. Counted in each process's memory: two
 * replicas of a service each allow the full limit.
 */
export interface RateLimitOptions {
  /** The window, in ms. */
  windowMs: number;
  /** Requests per window for one verified principal (organisation + user), whatever its address. */
  userLimit: number;
  /** Requests per window from one address refused 401 (no token, a bad or expired one); then 429. */
  unauthenticatedLimit: number;
}

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

/** What the rate limits read from a service's environment. */
export interface RateLimitEnv {
  THROTTLE_WINDOW_MS: number;
  THROTTLE_USER_LIMIT: number;
  THROTTLE_UNAUTHENTICATED_LIMIT: number;
}

export const rateLimitOptions = (env: RateLimitEnv): RateLimitOptions => ({
  windowMs: env.THROTTLE_WINDOW_MS,
  userLimit: env.THROTTLE_USER_LIMIT,
  unauthenticatedLimit: env.THROTTLE_UNAUTHENTICATED_LIMIT,
});
