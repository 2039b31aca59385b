import { readFileSync } from 'fs';
import { join } from 'path';
import { TEST_JWT_SECRET } from '@overgang/testing';
import { BaseServiceEnv, EnvValidationError, PUBLISHED_SECRETS, validateEnv } from './env';

const ROOT = join(__dirname, '..', '..', '..');

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/overgang',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_JWT_SECRET: 'x'.repeat(32),
  PORT: '3001',
};

describe('validateEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const env = validateEnv(BaseServiceEnv, good);
    expect(env.PORT).toBe(3001);
    expect(env.CONSUMER_MAX_ATTEMPTS).toBe(3);
    expect(env.AUTH_JWT_ISSUER).toBe('overgang-local');
  });

  it('fails at boot naming every bad setting', () => {
    const run = () => validateEnv(BaseServiceEnv, { ...good, AUTH_JWT_SECRET: 'short', PORT: 'abc' });
    expect(run).toThrow(EnvValidationError);
    expect(run).toThrow(/AUTH_JWT_SECRET must be at least 32 characters/);
    expect(run).toThrow(/PORT/);
  });
});

describe('production mode', () => {
  const production = {
    ...good,
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'a-secret-only-this-deployment-knows-0123456789',
    AUTH_JWT_ISSUER: 'https://login.example.invalid',
  };

  it('accepts its own secret and issuer', () => {
    expect(validateEnv(BaseServiceEnv, production).NODE_ENV).toBe('production');
  });

  it('refuses every secret published with the code', () => {
    const published = [
      readFileSync(join(ROOT, '.env.example'), 'utf8').match(/^AUTH_JWT_SECRET=(.*)$/m)?.[1],
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(ROOT, 'scripts', 'token.js')) as { DEV_SECRET: string }).DEV_SECRET,
      TEST_JWT_SECRET,
    ];
    for (const secret of published) {
      expect(PUBLISHED_SECRETS).toContain(secret);
      expect(() => validateEnv(BaseServiceEnv, { ...production, AUTH_JWT_SECRET: secret })).toThrow(
        /AUTH_JWT_SECRET is a development or test secret/,
      );
      // Outside production they are what development and the tests run with.
      expect(
        validateEnv(BaseServiceEnv, { ...production, NODE_ENV: 'test', AUTH_JWT_SECRET: secret }),
      ).toBeTruthy();
    }
  });

  it('refuses the local issuer, also when it is only the default', () => {
    const withoutIssuer: Record<string, string> = { ...production };
    delete withoutIssuer.AUTH_JWT_ISSUER;
    expect(() => validateEnv(BaseServiceEnv, withoutIssuer)).toThrow(/AUTH_JWT_ISSUER overgang-local/);
    expect(() => validateEnv(BaseServiceEnv, { ...production, AUTH_JWT_ISSUER: 'overgang-local' })).toThrow(
      EnvValidationError,
    );
  });

  it('bounds the token lifetime and clock skew in every mode', () => {
    expect(validateEnv(BaseServiceEnv, good).AUTH_MAX_TOKEN_LIFETIME_S).toBe(3600);
    expect(validateEnv(BaseServiceEnv, good).AUTH_CLOCK_SKEW_S).toBe(60);
    expect(() => validateEnv(BaseServiceEnv, { ...good, AUTH_MAX_TOKEN_LIFETIME_S: '31536000' })).toThrow(
      /AUTH_MAX_TOKEN_LIFETIME_S/,
    );
  });
});
