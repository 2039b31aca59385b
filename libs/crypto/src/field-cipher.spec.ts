import { randomBytes } from 'crypto';
import { DEVELOPMENT_DATA_KEYS, usesDevelopmentKey } from './development-keys';
import { FieldCipher, keyIdOf, SealError } from './field-cipher';
import { keyRingProblems, parseKeyRing } from './key-ring';

const key = () => randomBytes(32).toString('base64');
const A = key();
const B = key();
const HMAC = key();
const ring = (keys: string, current: string) =>
  new FieldCipher(parseKeyRing({ keys, current, hmacKey: HMAC }));

describe('FieldCipher', () => {
  const cipher = ring(`a:${A}`, 'a');

  it('seals text so that the value does not show, and opens it again', () => {
    const sealed = cipher.sealText('Ola Nordmann 13897000061', 'referral.person_name');
    expect(sealed).toMatch(/^v1:a:[^:]+:[^:]+:[^:]+$/);
    expect(sealed).not.toContain('Ola');
    expect(sealed).not.toContain('13897000061');
    expect(cipher.openText(sealed, 'referral.person_name')).toBe('Ola Nordmann 13897000061');
  });

  it('uses a new IV for every value: the same text seals differently each time', () => {
    expect(cipher.sealText('Ola', 'c')).not.toBe(cipher.sealText('Ola', 'c'));
  });

  it('detects a changed ciphertext, tag or IV (GCM authentication)', () => {
    const sealed = cipher.sealText('Kari Nordmann', 'c');
    const parts = sealed.split(':');
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i], 'base64');
      bytes[0] ^= 1;
      const changed = [...parts];
      changed[i] = bytes.toString('base64');
      expect(() => cipher.openText(changed.join(':'), 'c')).toThrow(SealError);
    }
  });

  it('refuses a value moved to another column (the context is authenticated)', () => {
    const sealed = cipher.sealText('13897000061', 'referral.person_national_id');
    expect(() => cipher.openText(sealed, 'referral.person_name')).toThrow(/authentication failed/);
  });

  it('refuses clear text where a sealed value belongs', () => {
    expect(() => cipher.openText('Ola Nordmann', 'c')).toThrow(/not a sealed value/);
    expect(() => cipher.openBytes(Buffer.from('%PDF-1.4'), 'c')).toThrow(/not sealed bytes/);
  });

  it('seals bytes with a readable key id header and detects a flipped byte', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const sealed = cipher.sealBytes(pdf, 'attachment.content');
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    expect(keyIdOf(sealed)).toBe('a');
    expect(cipher.openBytes(sealed, 'attachment.content').equals(pdf)).toBe(true);
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.openBytes(sealed, 'attachment.content')).toThrow(SealError);
  });

  it('reads values of an older key while it is in the ring, writes with the current one', () => {
    const old = cipher.sealText('Per', 'c');
    const rotated = ring(`b:${B},a:${A}`, 'b');
    expect(rotated.openText(old, 'c')).toBe('Per');
    expect(rotated.isCurrent(old)).toBe(false);
    const resealed = rotated.sealText(rotated.openText(old, 'c'), 'c');
    expect(keyIdOf(resealed)).toBe('b');
    const withoutA = ring(`b:${B}`, 'b');
    expect(withoutA.openText(resealed, 'c')).toBe('Per');
    expect(() => withoutA.openText(old, 'c')).toThrow(/key a, which is not in the ring/);
  });

  it('gives one national ID one person key, independent of the data key, and another ID another', () => {
    const rotated = ring(`b:${B}`, 'b');
    expect(cipher.personKey('13897000061')).toBe(rotated.personKey('13897000061'));
    expect(cipher.personKey('13897000061')).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.personKey('13897000061')).not.toBe(cipher.personKey('02847500177'));
    const otherHmac = new FieldCipher(parseKeyRing({ keys: `a:${A}`, current: 'a', hmacKey: key() }));
    expect(otherHmac.personKey('13897000061')).not.toBe(cipher.personKey('13897000061'));
  });
});

describe('parseKeyRing', () => {
  it('lists every problem of a bad configuration without echoing key material', () => {
    const problems = keyRingProblems({
      keys: `a:${A},a:${B},bad id:x,short:AAAA`,
      current: 'c',
      hmacKey: 'x',
    });
    expect(problems).toEqual([
      'DATA_KEYS: key id a is listed twice',
      'DATA_KEYS: key id "bad id" must be 1-32 letters, digits, _ or -',
      'DATA_KEYS: key short must be the base64 of exactly 32 random bytes (openssl rand -base64 32)',
      'DATA_KEY_CURRENT: c is not one of the DATA_KEYS',
      'DATA_HMAC_KEY must be the base64 of at least 32 random bytes (openssl rand -base64 32)',
    ]);
    expect(problems.join(' ')).not.toContain(A);
    expect(() => parseKeyRing({ keys: '', current: '', hmacKey: '' })).toThrow(/DATA_KEYS names no key/);
  });

  it('knows the published development keys', () => {
    expect(keyRingProblems(DEVELOPMENT_DATA_KEYS)).toEqual([]);
    expect(usesDevelopmentKey(DEVELOPMENT_DATA_KEYS)).toBe(true);
    expect(usesDevelopmentKey({ keys: `a:${A}`, hmacKey: DEVELOPMENT_DATA_KEYS.hmacKey })).toBe(true);
    expect(usesDevelopmentKey({ keys: `a:${A}`, hmacKey: HMAC })).toBe(false);
  });
});
