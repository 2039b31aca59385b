import { randomBytes } from 'crypto';
import { validateEnv } from '@overgang/config';
import { DEVELOPMENT_DATA_KEYS } from '@overgang/crypto';
import { ReferralServiceEnv } from './env.schema';

const base = {
  DATABASE_URL: 'postgres://x@127.0.0.1/overgang',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PORT: '3001',
};
const key = () => randomBytes(32).toString('base64');

describe('the referral service’s data keys', () => {
  it('default to the published development keys outside production', () => {
    const env = validateEnv(ReferralServiceEnv, base);
    expect(env.DATA_KEYS).toBe(DEVELOPMENT_DATA_KEYS.keys);
    expect(env.RETENTION_CLOSED_DAYS).toBe(365);
    expect(env.RETENTION_ACCESS_LOG_YEARS).toBe(5);
  });

  it('are refused in production when they are the development keys', () => {
    // Only the data keys' problems: other settings have production rules of their own.
    const dataKeyProblems = (raw: Record<string, string>) => {
      try {
        validateEnv(ReferralServiceEnv, { ...base, NODE_ENV: 'production', ...raw });
        return [];
      } catch (err) {
        return (err as Error).message.split('\n').filter((line) => line.includes('DATA_'));
      }
    };
    expect(dataKeyProblems({})).toEqual([
      expect.stringMatching(/DATA_KEYS: .*a published development key is configured/),
    ]);
    const own = { DATA_KEYS: `k2026a:${key()}`, DATA_KEY_CURRENT: 'k2026a', DATA_HMAC_KEY: key() };
    expect(dataKeyProblems(own)).toEqual([]);
    expect(dataKeyProblems({ ...own, DATA_HMAC_KEY: DEVELOPMENT_DATA_KEYS.hmacKey })).toHaveLength(1);
  });

  it('stop the start with every problem named, never the key', () => {
    const bad = key().slice(0, 20);
    const run = () =>
      validateEnv(ReferralServiceEnv, {
        ...base,
        DATA_KEYS: `k1:${bad}`,
        DATA_KEY_CURRENT: 'k2',
        DATA_HMAC_KEY: '',
      });
    expect(run).toThrow(/key k1 must be the base64 of exactly 32 random bytes/);
    expect(run).toThrow(/DATA_KEY_CURRENT: k2 is not one of the DATA_KEYS/);
    expect(run).toThrow(/DATA_HMAC_KEY must be the base64 of at least 32 random bytes/);
    expect(run).not.toThrow(new RegExp(bad.replace(/[+/]/g, '.')));
  });
});
