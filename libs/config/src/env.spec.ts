import { BaseServiceEnv, EnvValidationError, validateEnv } from './env';

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/overgang',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PORT: '3001',
};
const ISSUERS = JSON.stringify([
  {
    issuer: 'https://login.example.invalid',
    audience: 'overgang',
    algorithms: ['RS256'],
    claims: { kind: 'person', user: 'sub', organisation: 'org', roles: { claim: 'roles' } },
  },
]);

describe('validateEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const env = validateEnv(BaseServiceEnv, good);
    expect(env.PORT).toBe(3001);
    expect(env.CONSUMER_MAX_ATTEMPTS).toBe(3);
    expect(env.AUTH_AUDIENCE).toBe('overgang');
  });

  it('fails at boot naming every bad setting', () => {
    const run = () =>
      validateEnv(BaseServiceEnv, { ...good, AUTH_LOCAL_PROVIDER_URL: 'https://idp.example', PORT: 'abc' });
    expect(run).toThrow(EnvValidationError);
    expect(run).toThrow(/AUTH_LOCAL_PROVIDER_URL must be http:\/\/127.0.0.1:<port>/);
    expect(run).toThrow(/PORT/);
  });
});

describe('production mode', () => {
  const production = { ...good, NODE_ENV: 'production', AUTH_ISSUERS: ISSUERS };

  it('accepts its own issuers', () => {
    expect(validateEnv(BaseServiceEnv, production).NODE_ENV).toBe('production');
  });

  it('needs trusted issuers: nothing else signs anybody in', () => {
    const without: Record<string, string> = { ...production };
    delete without.AUTH_ISSUERS;
    expect(() => validateEnv(BaseServiceEnv, without)).toThrow(/AUTH_ISSUERS must name the trusted/);
    expect(() => validateEnv(BaseServiceEnv, { ...production, AUTH_ISSUERS: ' ' })).toThrow(/AUTH_ISSUERS/);
    // Outside production the local identity provider may be the only one.
    expect(validateEnv(BaseServiceEnv, { ...without, NODE_ENV: 'test' })).toBeTruthy();
  });

  it('refuses the local identity provider, which signs in anybody', () => {
    const local = { ...production, AUTH_LOCAL_PROVIDER_URL: 'http://127.0.0.1:8090' };
    expect(() => validateEnv(BaseServiceEnv, local)).toThrow(/AUTH_LOCAL_PROVIDER_URL trusts the local/);
    expect(validateEnv(BaseServiceEnv, { ...local, NODE_ENV: 'development' })).toBeTruthy();
  });

  it('bounds the token lifetime and clock skew in every mode', () => {
    expect(validateEnv(BaseServiceEnv, good).AUTH_MAX_TOKEN_LIFETIME_S).toBe(3600);
    expect(validateEnv(BaseServiceEnv, good).AUTH_CLOCK_SKEW_S).toBe(60);
    expect(() => validateEnv(BaseServiceEnv, { ...good, AUTH_MAX_TOKEN_LIFETIME_S: '31536000' })).toThrow(
      /AUTH_MAX_TOKEN_LIFETIME_S/,
    );
  });
});
