import { assertTestDatabase } from './test-guard';

describe('assertTestDatabase', () => {
  it('allows databases named for tests', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/overgang_test')).not.toThrow();
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/test')).not.toThrow();
  });

  it('refuses any other database', () => {
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/overgang')).toThrow(/Refusing/);
    expect(() => assertTestDatabase('postgres://postgres@127.0.0.1:5432/contest')).toThrow(/Refusing/);
  });
});
