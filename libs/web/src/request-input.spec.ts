import { Request, Response } from 'express';
import { RequestValidationError } from './problem';
import { checkRequestInput } from './request-input';

/** What checkRequestInput passes on: nothing, or the refusal's field problems. */
function check(body: unknown, query: Record<string, unknown> = {}) {
  let passed: unknown = 'not called';
  checkRequestInput(
    { originalUrl: '/api/v1/x', body, query } as unknown as Request,
    {} as Response,
    (err) => {
      passed = err;
    },
  );
  return passed instanceof RequestValidationError ? passed.errors : passed;
}

describe('checkRequestInput: prototype keys', () => {
  it('refuses __proto__, constructor and prototype like any unknown key, at every depth', () => {
    expect(check(JSON.parse('{"name":"Ola","__proto__":{"isAdmin":true}}'))).toEqual([
      { field: '__proto__', rule: 'unknownField', message: '__proto__ is not a field this endpoint accepts' },
    ]);
    expect(check(JSON.parse('{"guardian":{"name":"x","constructor":{"prototype":{}}}}'))).toEqual([
      expect.objectContaining({ field: 'guardian.constructor', rule: 'unknownField' }),
    ]);
    expect(check(JSON.parse('{"items":[{"ok":1},{"prototype":1}]}'))).toEqual([
      expect.objectContaining({ field: 'items[1].prototype', rule: 'unknownField' }),
    ]);
  });

  it('refuses them in the query string too', () => {
    expect(check(undefined, { constructor: 'x' })).toEqual([
      expect.objectContaining({ field: 'constructor', rule: 'unknownField' }),
    ]);
  });

  it('lets ordinary keys and values through, the words themselves included', () => {
    expect(
      check(JSON.parse('{"note":"__proto__ constructor","tags":["prototype"]}'), { status: 'open' }),
    ).toBe(undefined);
  });
});
