import { tokenTimeProblem } from './token-verification';

const now = 1_800_000_000;
const rules = { maxLifetimeS: 3600, clockSkewS: 60 };

describe('the times a token must keep', () => {
  it('accepts a token that expires within the maximum and was issued by now', () => {
    expect(tokenTimeProblem({ exp: now + 3600, iat: now }, now, rules)).toBeNull();
    // An issuer whose clock runs a little ahead.
    expect(tokenTimeProblem({ exp: now + 3630, iat: now + 30 }, now, rules)).toBeNull();
  });

  it('refuses a token without exp', () => {
    expect(tokenTimeProblem({ iat: now }, now, rules)).toMatch(/no expiry/);
    expect(tokenTimeProblem({ exp: 'tomorrow' }, now, rules)).toMatch(/no expiry/);
  });

  it('refuses a token valid for longer than the maximum', () => {
    expect(tokenTimeProblem({ exp: now + 3661, iat: now }, now, rules)).toMatch(/longer than 3600 s/);
    expect(tokenTimeProblem({ exp: now + 10 * 365 * 86400 }, now, rules)).not.toBeNull();
  });

  it('refuses a token issued in the future beyond the clock skew', () => {
    expect(tokenTimeProblem({ exp: now + 600, iat: now + 61 }, now, rules)).toMatch(/future/);
    expect(tokenTimeProblem({ exp: now + 600, iat: 'now' }, now, rules)).toMatch(/future/);
  });
});
