/** One data key: 32 random bytes for AES-256-GCM, named by the id stored beside every value it seals. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** Key ids go into the stored values (`v1:<id>:…`), so they are short and never contain a colon. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export class KeyRingError extends Error {}

/**
 * The keys a service may read with, the one it writes with, and the HMAC key of its lookup hashes.
 * Rotation adds a key and makes it current; the old one stays until every value is re-sealed.
 */
export class KeyRing {
  private readonly byId: ReadonlyMap<string, DataKey>;

  constructor(
    keys: readonly DataKey[],
    readonly currentId: string,
    readonly hmacKey: Buffer,
  ) {
    this.byId = new Map(keys.map((k) => [k.id, k]));
    if (!this.byId.has(currentId)) throw new KeyRingError(`the current key ${currentId} is not in the ring`);
  }

  get current(): DataKey {
    return this.byId.get(this.currentId)!;
  }

  get(id: string): DataKey | undefined {
    return this.byId.get(id);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }
}

/** The ring as configured: `DATA_KEYS=id:<base64 32 bytes>,id2:…`, `DATA_KEY_CURRENT`, `DATA_HMAC_KEY`. */
export interface KeyRingSettings {
  keys: string;
  current: string;
  hmacKey: string;
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (!STRICT_BASE64.test(v) || v.length % 4 !== 0) return null;
  return Buffer.from(v, 'base64');
}

/** Every problem of the settings, in words; empty when the ring can be built. */
export function keyRingProblems(s: KeyRingSettings): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const entries = (s.keys ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0)
    problems.push('DATA_KEYS names no key (id:<base64 of 32 random bytes>, comma-separated)');
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? entry : entry.slice(0, colon);
    if (!KEY_ID_PATTERN.test(id)) {
      problems.push(`DATA_KEYS: key id "${id.slice(0, 40)}" must be 1-32 letters, digits, _ or -`);
      continue;
    }
    if (ids.has(id)) problems.push(`DATA_KEYS: key id ${id} is listed twice`);
    ids.add(id);
    const key = colon < 0 ? null : decodeKey(entry.slice(colon + 1));
    if (!key || key.length !== 32)
      problems.push(
        `DATA_KEYS: key ${id} must be the base64 of exactly 32 random bytes (openssl rand -base64 32)`,
      );
  }
  if (!s.current) problems.push('DATA_KEY_CURRENT must name the key new values are sealed with');
  else if (!ids.has(s.current)) problems.push(`DATA_KEY_CURRENT: ${s.current} is not one of the DATA_KEYS`);
  const hmac = decodeKey(s.hmacKey ?? '');
  if (!hmac || hmac.length < 32)
    problems.push('DATA_HMAC_KEY must be the base64 of at least 32 random bytes (openssl rand -base64 32)');
  return problems;
}

/** Builds the ring, or throws one error listing every problem (never the key material). */
export function parseKeyRing(s: KeyRingSettings): KeyRing {
  const problems = keyRingProblems(s);
  if (problems.length > 0) throw new KeyRingError(`Invalid data keys:\n  ${problems.join('\n  ')}`);
  const keys = s.keys
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      return { id: entry.slice(0, colon), key: decodeKey(entry.slice(colon + 1))! };
    });
  return new KeyRing(keys, s.current, decodeKey(s.hmacKey)!);
}
