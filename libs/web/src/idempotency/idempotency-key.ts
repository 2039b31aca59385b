import { createHash } from 'crypto';
import { DomainError } from '@overgang/core';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key is remembered: a retry within this window gets the first answer. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Methods that change something; a key on a GET or HEAD is ignored. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who sent a keyed request and to what: two callers, or two endpoints, never share a key. */
export interface IdempotencyScope {
  /** Organisation number and token subject of the caller. */
  caller: string;
  method: string;
  /** The request path without its query. */
  path: string;
  key: string;
}

export const keyInvalid = (why: string) =>
  new DomainError(
    'IDEMPOTENCY.KEY_INVALID',
    `The ${IDEMPOTENCY_KEY_HEADER} header ${why}. Send 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, e.g. a UUID.`,
    'invalid',
    { header: IDEMPOTENCY_KEY_HEADER },
  );

export const keyReused = () =>
  new DomainError(
    'IDEMPOTENCY.KEY_REUSED',
    `This ${IDEMPOTENCY_KEY_HEADER} was already used with a different request body in the last ${IDEMPOTENCY_KEY_TTL_HOURS} hours. Use a new key for a new request.`,
    'unprocessable',
    { header: IDEMPOTENCY_KEY_HEADER },
  );

export const requestInFlight = () =>
  new DomainError(
    'IDEMPOTENCY.REQUEST_IN_FLIGHT',
    `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed. Retry shortly with the same key to get its answer.`,
    'conflict',
    { header: IDEMPOTENCY_KEY_HEADER },
  );

/**
 * The key from the header. The draft makes it a structured-field string ("…"); a bare value is
 * accepted too, since most clients send one.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  if (Array.isArray(raw)) throw keyInvalid('is sent more than once');
  const quoted = /^"(.*)"$/.exec(raw);
  const key = quoted ? quoted[1].replace(/\\(["\\])/g, '$1') : raw;
  if (key.trim() === '') throw keyInvalid('is empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw keyInvalid(`is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  if (!/^[\x20-\x7e]+$/.test(key)) throw keyInvalid('has characters that are not printable ASCII');
  return key;
}

/** JSON with every object's keys sorted, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A file as multer leaves it on the request. */
export interface ReceivedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer?: Buffer;
}

/** What identifies a request's content: its query, its body, and the files it carried. */
export interface RequestContent {
  query: string;
  body: unknown;
  files: ReceivedFile[];
}

/** SHA-256 of the canonical request content; a retry must send the same to be answered as a replay. */
export function requestFingerprint(content: RequestContent): string {
  const query = new URLSearchParams(content.query);
  query.sort();
  const files = content.files.map((f) => ({
    field: f.fieldname,
    name: f.originalname,
    type: f.mimetype,
    size: f.size,
    sha256: f.buffer ? createHash('sha256').update(f.buffer).digest('hex') : null,
  }));
  const text = canonicalJson({ query: query.toString(), body: content.body ?? null, files });
  return createHash('sha256').update(text).digest('hex');
}
