import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { BaseServiceEnv } from '@overgang/config';
import { DEVELOPMENT_DATA_KEYS, keyRingProblems, usesDevelopmentKey } from '@overgang/crypto';

/** The whole key ring is checked once, on DATA_KEYS: its problems name the variable at fault. */
const ValidKeyRing = () =>
  ValidateBy({
    name: 'validKeyRing',
    validator: {
      validate: (_v, args) => ringProblems(args?.object as ReferralServiceEnv).length === 0,
      defaultMessage: (args) => ringProblems(args?.object as ReferralServiceEnv).join('; '),
    },
  });

function ringProblems(env: ReferralServiceEnv): string[] {
  const settings = { keys: env.DATA_KEYS, current: env.DATA_KEY_CURRENT, hmacKey: env.DATA_HMAC_KEY };
  const problems = keyRingProblems(settings);
  if (env.NODE_ENV === 'production' && usesDevelopmentKey(settings))
    problems.push(
      'a published development key is configured: production needs its own DATA_KEYS and DATA_HMAC_KEY',
    );
  return problems;
}

export class ReferralServiceEnv extends BaseServiceEnv {
  /** How often expired consents are looked for, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  CONSENT_SWEEP_MS = 60000;

  /**
   * Keys that seal personal data at rest, `id:<base64 of 32 bytes>`, comma-separated: the current
   * one and those older values may still be sealed with. Development and tests use published keys,
   * which production refuses.
   */
  @IsString()
  @ValidKeyRing()
  DATA_KEYS = DEVELOPMENT_DATA_KEYS.keys;

  /** The id of the key new values are sealed with. */
  @IsString()
  DATA_KEY_CURRENT = DEVELOPMENT_DATA_KEYS.current;

  /** Key of the national ID's keyed hash (duplicates, lookups); changing it needs `npm run keys:rotate`. */
  @IsString()
  DATA_HMAC_KEY = DEVELOPMENT_DATA_KEYS.hmacKey;

  /** Days a referral stays closed (final status, no activity) before its personal data is erased. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RETENTION_CLOSED_DAYS = 365;

  /** Years the access log keeps who read what. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_ACCESS_LOG_YEARS = 5;

  /** How often the service checks whether today's retention run is still to do, in ms. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  RETENTION_SWEEP_MS = 3_600_000;
}

export const SERVICE_NAME = 'referral-service';
export const DB_SCHEMA = 'referral';
