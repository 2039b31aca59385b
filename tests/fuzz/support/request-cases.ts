import { randomUUID } from 'crypto';
import fc from 'fast-check';
import * as jwt from 'jsonwebtoken';
import { Role } from '@overgang/auth';
import { TEST_ISSUER, tokenForClaims } from '@overgang/testing';

export const HEADER_FAMILIES = ['content-type', 'idempotency-key', 'auth'] as const;
export type HeaderFamily = (typeof HEADER_FAMILIES)[number];

export interface ContentTypeCase {
  /** null: no Content-Type header at all. */
  contentType: string | null;
  encoding: string | null;
  chunked: boolean;
}

export function contentTypeCase(valid: string | null): fc.Arbitrary<ContentTypeCase> {
  const types = [
    valid,
    null,
    '',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/json; charset=iso-8859-1',
    'application/json; charset=utf-16',
    'application/json; charset=bogus',
    'application/json; charset="utf-8"',
    'APPLICATION/JSON',
    'application/json;;;',
    'application/json, text/plain',
    'application/merge-patch+json',
    'application/vnd.api+json',
    'text/plain',
    'text/plain; charset=utf-8',
    'text/csv',
    'text/csv; charset=latin1',
    'application/xml',
    'text/xml',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    '*/*',
    'application/ json',
    'applicatión/json',
  ];
  return fc.record({
    contentType: fc.constantFrom(...types),
    encoding: fc.constantFrom(null, null, null, 'gzip', 'deflate', 'br', 'identity', 'x-unknown'),
    chunked: fc.boolean(),
  });
}

const POOLED_KEYS = ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3'];

/** null: no Idempotency-Key header; an array sends the header twice. */
export type IdempotencyKeyCase = string | string[] | null | { fresh: 'uuid' };

export const idempotencyKeyCase: fc.Arbitrary<IdempotencyKeyCase> = fc.oneof(
  fc.constant<IdempotencyKeyCase>(null),
  fc.constant<IdempotencyKeyCase>({ fresh: 'uuid' }),
  // Reused across runs with different bodies: a key sent again with another request.
  fc.constantFrom<IdempotencyKeyCase>(...POOLED_KEYS),
  fc.constantFrom<IdempotencyKeyCase>(
    '',
    ' ',
    '\t',
    'null',
    'undefined',
    '0',
    '-1',
    '../../x',
    'a,b',
    '"quoted"',
    "'; DROP TABLE referral; --",
    'nøkkel-æøå',
    '%00',
    'x'.repeat(65),
    'x'.repeat(256),
    'x'.repeat(1_000),
    'x'.repeat(8_000),
    // Over Node's 16 KB header limit: refused by its parser before any middleware.
    'x'.repeat(20_000),
    [POOLED_KEYS[0], POOLED_KEYS[1]],
    ['same', 'same'],
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);

export function idempotencyKeyValue(c: IdempotencyKeyCase): string | string[] | null {
  if (c !== null && typeof c === 'object' && !Array.isArray(c)) return randomUUID();
  return c;
}

export type AuthCase =
  | 'right'
  | 'missing'
  | 'empty-bearer'
  | 'scheme-only'
  | 'garbage'
  | 'basic'
  | 'lower-case-scheme'
  | 'extra-spaces'
  | 'wrong-secret'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'alg-none'
  | 'hs512'
  | 'no-roles'
  | 'unknown-role'
  | 'bad-organisation'
  | 'no-subject'
  | 'wrong-role'
  | 'other-organisation'
  | 'huge'
  | 'twice';

export const authCase: fc.Arbitrary<AuthCase> = fc.constantFrom<AuthCase>(
  'right',
  'missing',
  'empty-bearer',
  'scheme-only',
  'garbage',
  'basic',
  'lower-case-scheme',
  'extra-spaces',
  'wrong-secret',
  'expired',
  'not-yet-valid',
  'wrong-issuer',
  'wrong-audience',
  'alg-none',
  'hs512',
  'no-roles',
  'unknown-role',
  'bad-organisation',
  'no-subject',
  'wrong-role',
  'other-organisation',
  'huge',
  'twice',
);

/** Who a request is sent as: claims for the local test issuer. */
export interface Caller {
  sub: string;
  org: string;
  unit: string | null;
  roles: Role[];
}

export const bearer = (c: Caller) =>
  `Bearer ${tokenForClaims({ sub: c.sub, org: c.org, unit: c.unit, roles: c.roles })}`;

function signed(
  claims: Record<string, unknown>,
  options: jwt.SignOptions,
  secret = TEST_ISSUER.secret,
): string {
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    issuer: TEST_ISSUER.issuer,
    audience: TEST_ISSUER.audience,
    ...('exp' in claims ? {} : { expiresIn: 600 }),
    ...options,
  });
}

/** The Authorization header(s) for a case; null sends none. */
export function authorization(
  c: AuthCase,
  callers: { right: Caller; wrongRole: Caller; otherOrganisation: Caller },
): string | string[] | null {
  const { right } = callers;
  const claims = { org: right.org, unit: right.unit, roles: right.roles };
  const token = bearer(right).slice('Bearer '.length);
  switch (c) {
    case 'right':
      return `Bearer ${token}`;
    case 'missing':
      return null;
    case 'empty-bearer':
      return 'Bearer ';
    case 'scheme-only':
      return 'Bearer';
    case 'garbage':
      return 'Bearer abc.def.ghi';
    case 'basic':
      return `Basic ${Buffer.from('hub-admin:hub-admin').toString('base64')}`;
    case 'lower-case-scheme':
      return `bearer ${token}`;
    case 'extra-spaces':
      return `Bearer   ${token}  `;
    case 'wrong-secret':
      return `Bearer ${signed(claims, { subject: right.sub }, 'not-the-secret-0123456789abcdef-0123456789')}`;
    case 'expired':
      return `Bearer ${signed({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, { subject: right.sub })}`;
    case 'not-yet-valid':
      return `Bearer ${signed(claims, { subject: right.sub, notBefore: 3600 })}`;
    case 'wrong-issuer':
      return `Bearer ${signed(claims, { subject: right.sub, issuer: 'someone-else' })}`;
    case 'wrong-audience':
      return `Bearer ${signed(claims, { subject: right.sub, audience: 'another-api' })}`;
    case 'alg-none': {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part({
        ...claims,
        sub: right.sub,
        iss: TEST_ISSUER.issuer,
        aud: TEST_ISSUER.audience,
        iat: now,
        exp: now + 600,
      })}.`;
    }
    case 'hs512':
      return `Bearer ${signed(claims, { subject: right.sub, algorithm: 'HS512' })}`;
    case 'no-roles':
      return `Bearer ${signed({ ...claims, roles: [] }, { subject: right.sub })}`;
    case 'unknown-role':
      return `Bearer ${signed({ ...claims, roles: ['root'] }, { subject: right.sub })}`;
    case 'bad-organisation':
      return `Bearer ${signed({ ...claims, org: 'abc' }, { subject: right.sub })}`;
    case 'no-subject':
      return `Bearer ${signed(claims, {})}`;
    case 'wrong-role':
      return bearer(callers.wrongRole);
    case 'other-organisation':
      return bearer(callers.otherOrganisation);
    case 'huge':
      return `Bearer ${'a'.repeat(8_000)}`;
    case 'twice':
      return [`Bearer ${token}`, bearer(callers.otherOrganisation)];
  }
}

/** A path parameter as it goes on the wire (already percent-encoded), or the fixture's own id. */
export type PathParamCase =
  | { param: 'fixture' }
  | { param: 'fixture-variant'; variant: string }
  | { param: 'raw'; raw: string };

const encodeWtf8 = (s: string): string =>
  Array.from(s)
    .map((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(ch);
    })
    .join('');

export const pathParamCase: fc.Arbitrary<PathParamCase> = fc.oneof(
  fc.constant<PathParamCase>({ param: 'fixture' }),
  fc.record({
    param: fc.constant('fixture-variant' as const),
    variant: fc.constantFrom(
      'upper-case',
      'braces',
      'suffix',
      'nul-suffix',
      'trailing-slash',
      'space-suffix',
    ),
  }),
  fc.record({
    param: fc.constant('raw' as const),
    raw: fc.oneof(
      fc.constantFrom(
        randomUUID(),
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        'abc',
        '0',
        '-1',
        'null',
        'undefined',
        '1e309',
        '%00',
        'a%00b',
        '%ED%A0%80',
        '%ED%B0%80%ED%A0%80',
        '%F0%9F%98%80',
        '%C3%A6%C3%B8%C3%A5',
        // Not valid HTTP (a raw non-ASCII byte in the request line): Node's parser refuses it first.
        '\u00e6',
        '%',
        '%zz',
        '%2F',
        '..',
        '%2E%2E',
        '%20',
        "'%20OR%201=1--",
        '%22%3E%3Cscript%3E',
        'x'.repeat(256),
        'x'.repeat(4_000),
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).map(encodeWtf8),
    ),
  }),
);

export function pathParamValue(c: PathParamCase, fixture: string): string {
  switch (c.param) {
    case 'fixture':
      return encodeURIComponent(fixture);
    case 'raw':
      return c.raw;
    case 'fixture-variant':
      switch (c.variant) {
        case 'upper-case':
          return encodeURIComponent(fixture.toUpperCase());
        case 'braces':
          return encodeURIComponent(`{${fixture}}`);
        case 'suffix':
          return encodeURIComponent(`${fixture}x`);
        case 'nul-suffix':
          return `${encodeURIComponent(fixture)}%00`;
        case 'trailing-slash':
          return `${encodeURIComponent(fixture)}/`;
        default:
          return `${encodeURIComponent(fixture)}%20`;
      }
  }
}
