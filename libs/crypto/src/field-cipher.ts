import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto';
import { KeyRing } from './key-ring';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longest header of sealed bytes: `v1:` + a 32-character key id + `:`. */
const MAX_HEADER = VERSION.length + 1 + 32 + 1;

/** A sealed value that cannot be opened: unknown key, damaged or changed (the GCM tag fails). */
export class SealError extends Error {}

/**
 * AES-256-GCM for single values: a random 12-byte IV per value and the key id beside it, so a value
 * stays readable after rotation while its key is in the ring. Text is sealed as
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts), bytes as the ASCII header `v1:<keyId>:`
 * followed by IV, tag and ciphertext. The context (e.g. `referral.person_name`) is authenticated
 * data: a value copied into another column does not open there.
 */
export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  get currentKeyId(): string {
    return this.ring.currentId;
  }

  sealText(plain: string, context: string): string {
    const { keyId, iv, tag, ciphertext } = this.encrypt(Buffer.from(plain, 'utf8'), context);
    return [
      VERSION,
      keyId,
      iv.toString('base64'),
      tag.toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  openText(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealError(`${context}: not a sealed value`);
    const [, keyId, iv, tag, ciphertext] = parts;
    return this.decrypt(
      keyId,
      Buffer.from(iv, 'base64'),
      Buffer.from(tag, 'base64'),
      Buffer.from(ciphertext, 'base64'),
      context,
    ).toString('utf8');
  }

  sealBytes(plain: Buffer, context: string): Buffer {
    const { keyId, iv, tag, ciphertext } = this.encrypt(plain, context);
    return Buffer.concat([Buffer.from(`${VERSION}:${keyId}:`, 'ascii'), iv, tag, ciphertext]);
  }

  openBytes(sealed: Buffer, context: string): Buffer {
    const header = bytesHeader(sealed);
    if (!header) throw new SealError(`${context}: not sealed bytes`);
    const body = sealed.subarray(header.length);
    if (body.length < IV_BYTES + TAG_BYTES) throw new SealError(`${context}: sealed bytes are truncated`);
    return this.decrypt(
      header.keyId,
      body.subarray(0, IV_BYTES),
      body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      body.subarray(IV_BYTES + TAG_BYTES),
      context,
    );
  }

  /** Whether the value is sealed with the current key (rotation re-seals the others). */
  isCurrent(sealed: string | Buffer): boolean {
    return keyIdOf(sealed) === this.ring.currentId;
  }

  /**
   * The keyed hash of a national ID: equal IDs give equal hashes, so duplicates and lookups work on
   * an indexed column without the ID in clear text, and without the HMAC key it cannot be reversed
   * by trying all 11-digit numbers.
   */
  personKey(nationalId: string): string {
    return createHmac('sha256', this.ring.hmacKey)
      .update(`national-id:${nationalId.replace(/\s/g, '')}`, 'utf8')
      .digest('hex');
  }

  private encrypt(plain: Buffer, context: string) {
    const { id, key } = this.ring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { keyId: id, iv, tag: cipher.getAuthTag(), ciphertext };
  }

  private decrypt(keyId: string, iv: Buffer, tag: Buffer, ciphertext: Buffer, context: string): Buffer {
    const key = this.ring.get(keyId);
    if (!key) throw new SealError(`${context}: sealed with key ${keyId}, which is not in the ring`);
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SealError(`${context}: damaged sealed value`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SealError(`${context}: the sealed value was changed or damaged (authentication failed)`);
    }
  }
}

function bytesHeader(sealed: Buffer): { keyId: string; length: number } | null {
  const start = sealed.subarray(0, MAX_HEADER).toString('latin1');
  const match = /^v1:([A-Za-z0-9_-]{1,32}):/.exec(start);
  return match ? { keyId: match[1], length: match[0].length } : null;
}

/** The id of the key a value is sealed with, or null when it is not a sealed value. */
export function keyIdOf(sealed: string | Buffer): string | null {
  if (Buffer.isBuffer(sealed)) return bytesHeader(sealed)?.keyId ?? null;
  const match = /^v1:([A-Za-z0-9_-]{1,32}):/.exec(sealed);
  return match ? match[1] : null;
}
