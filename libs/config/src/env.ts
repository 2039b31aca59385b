import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidationArguments,
  validateSync,
} from 'class-validator';
import { DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '@overgang/persistence';

/** Longest a token may still be valid when it arrives, in seconds, unless AUTH_MAX_TOKEN_LIFETIME_S says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 3600;

const isProduction = (args?: ValidationArguments) =>
  (args?.object as { NODE_ENV?: unknown } | undefined)?.NODE_ENV === 'production';

/**
 * A value that is fine for development and tests but must never run in production: a list of
 * refused values, or a test that says whether a value is refused.
 */
export function RefusedInProduction(
  refused: readonly string[] | ((value: unknown) => boolean),
  message: string,
): PropertyDecorator {
  const isRefused = typeof refused === 'function' ? refused : (v: unknown) => refused.includes(String(v));
  return ValidateBy({
    name: 'refusedInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !isProduction(args) || !isRefused(value),
      defaultMessage: () => message,
    },
  });
}

const PROXY_ENTRY = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)`;

/** A TRUSTED_PROXIES list: Express `trust proxy` names, addresses and ranges, comma-separated, or nothing. */
export const TRUSTED_PROXIES_PATTERN = new RegExp(`^\\s*(${PROXY_ENTRY}(\\s*,\\s*${PROXY_ENTRY})*)?\\s*$`);

/** Settings every service shares. Each app extends this with its own. */
export class BaseServiceEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** postgres://user@host:port/db — the launcher and the test setup always provide it. */
  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  /** Comma-separated host:port list of Kafka brokers. */
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS!: string;

  /** The audience the local identity provider's tokens are for (AUTH_ISSUERS name their own). */
  @IsString()
  AUTH_AUDIENCE = 'overgang';

  /**
   * The OpenID Connect issuers whose tokens are trusted, as a JSON array: issuer URL, audience,
   * algorithms (RS*, PS256, ES256/384; never none or HS*) and the claim mapping (README, Sign-in).
   * Required in production, where nothing else signs anybody in; checked when the service starts.
   */
  @ValidateBy({
    name: 'trustedIssuersInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined ? !isProduction(args) : typeof value === 'string' && value.trim() !== '',
      defaultMessage: () =>
        'AUTH_ISSUERS must name the trusted OpenID Connect issuers (a JSON array); production needs at least one',
    },
  })
  AUTH_ISSUERS?: string;

  /** The local identity provider (scripts/oidc) whose two issuers development and tests trust. */
  @IsOptional()
  @Matches(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/, {
    message: 'AUTH_LOCAL_PROVIDER_URL must be http://127.0.0.1:<port> (the local provider)',
  })
  @RefusedInProduction(
    () => true,
    'AUTH_LOCAL_PROVIDER_URL trusts the local identity provider, which signs in anybody; production names its issuers in AUTH_ISSUERS',
  )
  AUTH_LOCAL_PROVIDER_URL?: string;

  /** A token must expire (exp), at most this many seconds after it arrives, in every mode. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(86_400)
  AUTH_MAX_TOKEN_LIFETIME_S = DEFAULT_MAX_TOKEN_LIFETIME_S;

  /** How far an issuer's clock may run ahead of ours: a token issued (iat) further in the future is refused, in s. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(600)
  AUTH_CLOCK_SKEW_S = 60;

  /** How long the organisations and units a caller is checked against are kept in memory, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(300_000)
  AUTH_DIRECTORY_CACHE_MS = 5000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /** Address to listen on: loopback locally, 0.0.0.0 in a container. */
  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  /** Failed handling attempts before a message goes to its dead-letter topic. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS = 3;

  /** How often the outbox relay looks for unpublished rows when nobody woke it, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 200;

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /**
   * After this many ms an HTTP request is answered 503 with Retry-After, and whatever it was doing
   * is rolled back: nothing commits once the caller has been told it failed.
   */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  REQUEST_TIMEOUT_MS = 10_000;

  /** Longest wait for a pooled database connection (or for a new one to connect), in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_ACQUIRE_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUTS.acquireMs;

  /** Longest a statement may run, enforced by PostgreSQL, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUTS.statementMs;

  /** Longest a statement may take, enforced by the client too (a frozen server enforces nothing), in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_QUERY_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUTS.queryMs;

  /** A session idle inside a transaction this long is ended by PostgreSQL, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs;

  /** Longest wait for a row or table lock, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_LOCK_TIMEOUT_MS = DEFAULT_DATABASE_TIMEOUTS.lockMs;

  /** The sliding window of the rate limits, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  THROTTLE_WINDOW_MS = 60_000;

  /** Requests one signed-in user may send to this service per window; then 429 with Retry-After. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  THROTTLE_USER_LIMIT = 600;

  /** Requests refused 401 (no token, a bad one) from one address per window; the next ones get 429. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  THROTTLE_UNAUTHENTICATED_LIMIT = 60;

  /**
   * Proxies whose X-Forwarded-For names the caller's address (Express `trust proxy`: loopback,
   * linklocal, uniquelocal, addresses, CIDR ranges, comma-separated; empty trusts none). The
   * gateway is one: loopback locally, its network in a container.
   */
  @IsOptional()
  @IsString()
  @Matches(TRUSTED_PROXIES_PATTERN, {
    message:
      'TRUSTED_PROXIES must list loopback, linklocal, uniquelocal, addresses or CIDR ranges, comma-separated',
  })
  TRUSTED_PROXIES = 'loopback';
}

/** The database timeouts of a service's environment, as libs/persistence takes them. */
export function databaseTimeouts(env: BaseServiceEnv): DatabaseTimeouts {
  return {
    acquireMs: env.DB_ACQUIRE_TIMEOUT_MS,
    statementMs: env.DB_STATEMENT_TIMEOUT_MS,
    queryMs: env.DB_QUERY_TIMEOUT_MS,
    idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    lockMs: env.DB_LOCK_TIMEOUT_MS,
  };
}

export class EnvValidationError extends Error {}

/** Validates raw environment variables into a typed object; fails at boot with every problem listed. */
export function validateEnv<T extends object>(cls: new () => T, raw: Record<string, unknown>): T {
  const env = plainToInstance(cls, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`,
    );
    throw new EnvValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return env;
}

export function kafkaBrokers(env: BaseServiceEnv): string[] {
  return env.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}
