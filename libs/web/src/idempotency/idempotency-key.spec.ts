import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './idempotency-key';
import { documentIdempotencyKey } from './idempotency.openapi';

describe('parseIdempotencyKey', () => {
  it('takes a bare key or a structured-field string', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"a key \\"quoted\\""')).toBe('a key "quoted"');
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it('refuses an empty, too long or non-printable key, or two keys', () => {
    for (const bad of ['', '   ', '""', 'x'.repeat(256), 'a\tb', 'nøkkel', 'a\u0000b']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(
        expect.objectContaining({ code: 'IDEMPOTENCY.KEY_INVALID' }),
      );
    }
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY.KEY_INVALID' }),
    );
  });
});

describe('requestFingerprint', () => {
  const content = (body: unknown, query = '') => ({ query, body, files: [] });

  it('is the same for the same content in another key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(requestFingerprint(content({ a: 1, b: [1, 2] }, 'x=1&y=2'))).toBe(
      requestFingerprint(content({ b: [1, 2], a: 1 }, 'y=2&x=1')),
    );
  });

  it('differs when the body, the query or a file differs', () => {
    const base = requestFingerprint(content({ a: 1 }));
    expect(requestFingerprint(content({ a: 2 }))).not.toBe(base);
    expect(requestFingerprint(content({ a: 1 }, 'x=1'))).not.toBe(base);
    const file = (text: string) => ({
      fieldname: 'file',
      originalname: 'a.pdf',
      mimetype: 'application/pdf',
      size: text.length,
      buffer: Buffer.from(text),
    });
    expect(requestFingerprint({ query: '', body: {}, files: [file('%PDF-1')] })).not.toBe(
      requestFingerprint({ query: '', body: {}, files: [file('%PDF-2')] }),
    );
  });
});

describe('documentIdempotencyKey', () => {
  it('adds the header to every operation that changes something, and nowhere else', () => {
    const doc = documentIdempotencyKey({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: { responses: { '200': { description: '' } } },
          post: { responses: { '201': { description: '' } } },
        },
        '/b': { patch: { parameters: [], responses: {} } },
      },
    });
    const names = (op?: { parameters?: unknown[] }) =>
      (op?.parameters ?? []).map((p) => (p as { name: string }).name);
    expect(names(doc.paths['/a'].get)).toEqual([]);
    expect(names(doc.paths['/a'].post)).toEqual(['Idempotency-Key']);
    expect(names(doc.paths['/b'].patch)).toEqual(['Idempotency-Key']);
    expect(doc.paths['/a'].post?.responses['201']).toHaveProperty(['headers', 'Idempotent-Replayed']);
    expect(Object.keys(doc.paths['/a'].post?.responses ?? {})).toEqual(
      expect.arrayContaining(['409', '422']),
    );
  });
});
