import { BaseServiceEnv, EnvValidationError, validateEnv } from './env';

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
