import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { RefusedInProduction, TRUSTED_PROXIES_PATTERN } from '@overgang/config';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const withoutTrailingSlash = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

/**
 * The gateway owns no data and verifies no tokens, so it does not extend BaseServiceEnv: it only
 * needs to know where the services are.
 */
export class GatewayEnv {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address to listen on: loopback locally, 0.0.0.0 in a container. */
  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @Transform(withoutTrailingSlash)
  @IsUrl(url)
  REFERRAL_SERVICE_URL!: string;

  @Transform(withoutTrailingSlash)
  @IsUrl(url)
  ROUTING_SERVICE_URL!: string;

  @Transform(withoutTrailingSlash)
  @IsUrl(url)
  DEADLINE_SERVICE_URL!: string;

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /**
   * How long a service may take to answer before the gateway answers 503 itself, in ms: above the
   * services' REQUEST_TIMEOUT_MS, so their own 503 normally comes first.
   */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS = 15_000;

  /**
   * Requests one address may send through the gateway per THROTTLE_WINDOW_MS (health probes
   * aside); then 429 with Retry-After. The services limit each signed-in user on top.
   */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  THROTTLE_ADDRESS_LIMIT = 1200;

  /** The sliding window of the rate limit, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  THROTTLE_WINDOW_MS = 60_000;

  /**
   * Proxies in front of the gateway (a load balancer) whose X-Forwarded-For names the caller;
   * empty, the default, trusts none: the caller is whoever connected.
   */
  @IsOptional()
  @IsString()
  @Matches(TRUSTED_PROXIES_PATTERN, {
    message:
      'TRUSTED_PROXIES must list loopback, linklocal, uniquelocal, addresses or CIDR ranges, comma-separated',
  })
  TRUSTED_PROXIES = '';

  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /**
   * The people's issuer the browser signs in at (authorization code with PKCE); unset, there is no
   * browser sign-in and only bearer tokens pass.
   */
  @IsOptional()
  @Transform(withoutTrailingSlash)
  @IsUrl(url)
  OIDC_ISSUER?: string;

  /** The gateway's client at that issuer; only the gateway holds its secret. */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID = 'overgang';

  @IsOptional()
  @IsString()
  @RefusedInProduction(
    ['local'],
    'OIDC_CLIENT_SECRET local is the local provider’s; production needs its own',
  )
  OIDC_CLIENT_SECRET = 'local';

  /** The gateway's address as browsers see it; the sign-in comes back to <PUBLIC_URL>/auth/callback. */
  @IsOptional()
  @Transform(withoutTrailingSlash)
  @IsUrl(url)
  PUBLIC_URL?: string;

  /** A browser session unused this long ends, in ms (30 minutes). */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60_000)
  SESSION_IDLE_MS = 30 * 60_000;

  /** A browser session ends this long after sign-in, used or not, in ms (8 hours: a working day). */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60_000)
  SESSION_MAX_MS = 8 * 3600_000;
}
