import { isTransient } from './message-processor';

describe('isTransient', () => {
  it('treats lost connections, deadlocks and serialization failures as passing', () => {
    for (const code of ['08006', '57P01', '40001', '40P01', '53300', 'ECONNREFUSED']) {
      expect(isTransient(Object.assign(new Error('x'), { code }))).toBe(true);
    }
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('treats bugs and constraint violations as lasting', () => {
    expect(isTransient(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isTransient(new TypeError('x is undefined'))).toBe(false);
  });
});
