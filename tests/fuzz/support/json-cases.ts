import fc from 'fast-check';

/** JSON text inserted verbatim, for shapes JSON.stringify cannot build (nesting deeper than its stack). */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `<raw JSON, ${this.text.length} chars>`;
  }
}

export type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json };
type Segment = string | number;

/** A field of a body, dotted: `guardian.name`, `followUpNeeds.0`; '' is the body itself. */
export type FieldPath = string;

export type WrongValue = number | boolean | string | Json[] | Record<string, never> | null;

export type Mutation =
  | { op: 'wrong-type'; path: FieldPath; value: WrongValue }
  | { op: 'null'; path: FieldPath }
  | { op: 'missing'; path: FieldPath }
  | { op: 'extra'; path: FieldPath; key: string; value: Json }
  /** Thousands of unknown fields in one object. */
  | { op: 'many-keys'; path: FieldPath; count: number }
  | { op: 'huge-string'; path: FieldPath; length: number; char: string }
  | { op: 'nul'; path: FieldPath; where: Placement }
  | { op: 'surrogate'; path: FieldPath; unit: string; where: Placement }
  | { op: 'deep-nesting'; path: FieldPath; depth: number; shape: 'array' | 'object' }
  | {
      op: 'big-array';
      path: FieldPath;
      length: number;
      element: 'copy' | 'distinct-strings' | 'numbers' | 'objects';
    }
  | {
      op: 'number-as-string';
      path: FieldPath;
      style: 'string' | 'padded' | 'exponent' | 'number' | 'decimal';
    };

type Placement = 'start' | 'middle' | 'end' | 'alone' | 'in-key';

/** The whole body text replaced or broken: not JSON, not an object, or not UTF-8. */
export type TextCase =
  | { text: 'literal'; value: string }
  | { text: 'truncated'; at: number }
  | { text: 'appended'; value: string }
  | { text: 'prefixed'; value: string }
  | { text: 'invalid-utf8'; bytes: 'ff' | 'c0af' | 'eda080' | 'f4908080' | 'fe' }
  | { text: 'utf16'; bom: boolean }
  | { text: 'random'; value: string };

export type JsonBodyCase = { mutations: Mutation[] } | TextCase;

export const BODY_FAMILIES = [
  'mixed',
  'wrong-type',
  'null',
  'missing',
  'extra',
  'huge-string',
  'nul',
  'surrogate',
  'deep-nesting',
  'big-array',
  'number-as-string',
  'invalid-json',
] as const;
export type BodyFamily = (typeof BODY_FAMILIES)[number];

/** Where each kind of mutation can land in one body. */
export interface Targets {
  all: FieldPath[];
  present: FieldPath[];
  objects: FieldPath[];
  strings: FieldPath[];
  arrays: FieldPath[];
  scalars: FieldPath[];
}

const join = (prefix: string, seg: Segment) => (prefix === '' ? String(seg) : `${prefix}.${seg}`);

/** Every field of a sample body, plus the schema's optional fields it leaves out. */
export function targetsOf(sample: unknown, schemaFields: string[] = []): Targets {
  const t: Targets = { all: [''], present: [''], objects: [], strings: [], arrays: [], scalars: [] };
  const walk = (v: unknown, path: FieldPath) => {
    if (Array.isArray(v)) {
      t.arrays.push(path);
      v.forEach((x, i) => visit(x, join(path, i)));
    } else if (v && typeof v === 'object') {
      t.objects.push(path);
      for (const [k, x] of Object.entries(v)) visit(x, join(path, k));
    } else if (typeof v === 'string') {
      t.strings.push(path);
      if (/^[\d .]+$/.test(v)) t.scalars.push(path);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      t.scalars.push(path);
    }
  };
  const visit = (v: unknown, path: FieldPath) => {
    t.all.push(path);
    t.present.push(path);
    walk(v, path);
  };
  walk(sample, '');
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
    for (const f of schemaFields) if (!(f in sample)) t.all.push(f);
  }
  return t;
}

const HUGE_LENGTHS = [201, 1_001, 2_001, 5_001, 20_001, 100_000, 1_100_000];
const DEPTHS = [33, 257, 1_000, 5_000, 20_000];
/**
 * Sizes from just over a limit to heavy. The heaviest costs the hub up to a second of CPU today
 * (class-validator's ArrayUnique is quadratic; every unknown key is one more error), so it comes up
 * rarely, and never in the mixed family: a run of 2 000 per endpoint still sends it to every endpoint.
 */
const sized = (common: number[], heavy: number, withHeavy: boolean) =>
  withHeavy
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...common), weight: 39 },
        { arbitrary: fc.constant(heavy), weight: 1 },
      )
    : fc.constantFrom(...common);
const arrayLength = (withHeavy: boolean) => sized([21, 101, 501], 20_000, withHeavy);
const keyCount = (withHeavy: boolean) => sized([20, 200], 5_000, withHeavy);
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800'];
const PLACEMENTS: Placement[] = ['middle', 'start', 'end', 'alone', 'in-key'];
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'id',
  'status',
  'createdAt',
  'roles',
  '',
];

const wrongValue: fc.Arbitrary<WrongValue> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constantFrom<WrongValue>({}, [], '', 0, -1, 1e308, 0.5, Number.MAX_SAFE_INTEGER + 2, 'true', '[]'),
  fc.string({ maxLength: 12 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
);

const smallJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

function pick(paths: FieldPath[], fallback: FieldPath[]): fc.Arbitrary<FieldPath> {
  const from = paths.length > 0 ? paths : fallback;
  return fc.constantFrom(...from);
}

function mutationArb(op: Mutation['op'], t: Targets, withHeavy: boolean): fc.Arbitrary<Mutation> {
  switch (op) {
    case 'wrong-type':
      return fc.record({ op: fc.constant(op), path: pick(t.all, t.all), value: wrongValue });
    case 'null':
      return fc.record({ op: fc.constant(op), path: pick(t.all, t.all) });
    case 'missing':
      return fc.record({ op: fc.constant(op), path: pick(t.present, t.present) });
    case 'extra':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.objects, ['']),
        key: fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ minLength: 1, maxLength: 16 })),
        value: smallJson,
      });
    case 'many-keys':
      return fc.record({ op: fc.constant(op), path: pick(t.objects, ['']), count: keyCount(withHeavy) });
    case 'huge-string':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.strings, t.all),
        length: fc.constantFrom(...HUGE_LENGTHS),
        char: fc.constantFrom('x', 'æ', '😀', ' ', '\\'),
      });
    case 'nul':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.strings, t.all),
        where: fc.constantFrom(...PLACEMENTS),
      });
    case 'surrogate':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.strings, t.all),
        unit: fc.constantFrom(...LONE_SURROGATES),
        where: fc.constantFrom(...PLACEMENTS),
      });
    case 'deep-nesting':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.all, t.all),
        depth: fc.constantFrom(...DEPTHS),
        shape: fc.constantFrom<'array' | 'object'>('array', 'object'),
      });
    case 'big-array':
      return fc.record({
        op: fc.constant(op),
        path: fc.oneof(pick(t.arrays, t.all), pick(t.all, t.all)),
        length: arrayLength(withHeavy),
        element: fc.constantFrom<'copy' | 'distinct-strings' | 'numbers' | 'objects'>(
          'distinct-strings',
          'copy',
          'numbers',
          'objects',
        ),
      });
    case 'number-as-string':
      return fc.record({
        op: fc.constant(op),
        path: pick(t.scalars, t.scalars),
        style: fc.constantFrom<'string' | 'padded' | 'exponent' | 'number' | 'decimal'>(
          'string',
          'number',
          'padded',
          'exponent',
          'decimal',
        ),
      });
  }
}

const MUTATION_OPS: Mutation['op'][] = [
  'wrong-type',
  'null',
  'missing',
  'extra',
  'many-keys',
  'huge-string',
  'nul',
  'surrogate',
  'deep-nesting',
  'big-array',
  'number-as-string',
];

const textCase: fc.Arbitrary<TextCase> = fc.oneof(
  fc.record({
    text: fc.constant('literal' as const),
    value: fc.constantFrom(
      '',
      ' ',
      '{',
      '}',
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      '{a:1}',
      'null',
      'true',
      '0',
      '"text"',
      '[]',
      '[{}]',
      '[null]',
      'NaN',
      'undefined',
      '{"a":1}{"b":2}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '\u0000',
      '{"a":"\\u0000"}',
      '{"a":"\\ud800"}',
      '{"a":1e999999}',
      '{"a":-0}',
      `{"a":${'9'.repeat(400)}}`,
    ),
  }),
  fc.record({ text: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({
    text: fc.constant('appended' as const),
    value: fc.constantFrom('x', '}', ',', ' {}', '\u0000', '/* c */', '\n\n{"a":1}'),
  }),
  fc.record({
    text: fc.constant('prefixed' as const),
    value: fc.constantFrom('\ufeff', '/* c */', ")]}',\n", 'x'),
  }),
  fc.record({
    text: fc.constant('invalid-utf8' as const),
    bytes: fc.constantFrom<'ff' | 'c0af' | 'eda080' | 'f4908080' | 'fe'>(
      'ff',
      'c0af',
      'eda080',
      'f4908080',
      'fe',
    ),
  }),
  fc.record({ text: fc.constant('utf16' as const), bom: fc.boolean() }),
  fc.record({ text: fc.constant('random' as const), value: fc.string({ unit: 'binary', maxLength: 40 }) }),
);

/** Families that can change something in this body (number-as-string needs a number, a flag or digits). */
export function familiesFor(t: Targets): BodyFamily[] {
  return BODY_FAMILIES.filter((f) => f !== 'number-as-string' || t.scalars.length > 0);
}

export function jsonBodyCase(family: BodyFamily, t: Targets): fc.Arbitrary<JsonBodyCase> {
  if (family === 'invalid-json') return textCase;
  const ops: Mutation['op'][] =
    family === 'mixed'
      ? MUTATION_OPS.filter((op) => op !== 'number-as-string' || t.scalars.length > 0)
      : family === 'extra'
        ? ['extra', 'many-keys']
        : [family];
  const one = fc.oneof(...ops.map((op) => mutationArb(op, t, family !== 'mixed')));
  // One mutation per field: a second on the same field could undo the first.
  return fc.record({
    mutations: fc.uniqueArray(one, {
      minLength: 1,
      maxLength: family === 'mixed' ? 4 : 2,
      selector: (m) => m.path,
    }),
  });
}

// ---- applying a case to a body -------------------------------------------------------------------

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Sets an own property, `__proto__` included (plain assignment would change the prototype). */
function setOwn(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function segments(path: FieldPath): Segment[] {
  return path === '' ? [] : path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function get(root: Json, path: FieldPath): Json | undefined {
  let v: Json | undefined = root;
  for (const s of segments(path)) {
    if (v === null || typeof v !== 'object' || v instanceof RawJson) return undefined;
    v = (v as Record<string, Json>)[s as string];
  }
  return v;
}

/** Replaces the value at `path` (creating a missing last field); returns the new root. */
function set(root: Json, path: FieldPath, value: Json | undefined): Json {
  const segs = segments(path);
  if (segs.length === 0) return value === undefined ? new RawJson('') : value;
  let parent: Json | undefined = root;
  for (const s of segs.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object' || parent instanceof RawJson) return root;
    parent = (parent as Record<string, Json>)[s as string];
  }
  if (parent === null || typeof parent !== 'object' || parent instanceof RawJson) return root;
  const last = segs[segs.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') {
    if (value === undefined) parent.splice(last, 1);
    else parent[last] = value;
  } else if (value === undefined) {
    delete (parent as Record<string, Json>)[last];
  } else {
    setOwn(parent as Record<string, Json>, String(last), value);
  }
  return root;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function otherType(original: Json | undefined, v: WrongValue): Json {
  if (typeOf(original) !== typeOf(v)) return v;
  switch (typeOf(original)) {
    case 'string':
      return 7;
    case 'number':
      return true;
    case 'boolean':
      return 0;
    case 'array':
      return {};
    case 'object':
      return [];
    default:
      return 'x';
  }
}

function place(s: string, insert: string, where: Placement): string {
  switch (where) {
    case 'start':
      return insert + s;
    case 'end':
      return s + insert;
    case 'alone':
      return insert;
    case 'middle':
    case 'in-key': {
      const half = Math.floor(s.length / 2);
      return s.slice(0, half) + insert + s.slice(half);
    }
  }
}

function renameKey(root: Json, path: FieldPath, insert: string): Json {
  const segs = segments(path);
  const key = segs[segs.length - 1];
  const parentPath = segs.slice(0, -1).join('.');
  const parent = get(root, parentPath);
  if (typeof key !== 'string' || !parent || typeof parent !== 'object' || Array.isArray(parent)) {
    return set(root, '', { [insert]: 'x' });
  }
  const obj = parent as Record<string, Json>;
  const value = obj[key];
  delete obj[key];
  setOwn(obj, place(key, insert, 'middle'), value);
  return root;
}

function nested(depth: number, shape: 'array' | 'object'): RawJson {
  return shape === 'array'
    ? new RawJson('['.repeat(depth) + ']'.repeat(depth))
    : new RawJson('{"a":'.repeat(depth) + '{}' + '}'.repeat(depth));
}

function retyped(v: Json | undefined, style: string): Json {
  if (typeof v === 'number') {
    if (style === 'padded') return ` ${v} `;
    if (style === 'exponent') return v.toExponential();
    return String(v);
  }
  if (typeof v === 'boolean') return style === 'number' ? Number(v) : String(v);
  if (typeof v === 'string') {
    const digits = v.replace(/[ .]/g, '');
    if (!/^\d+$/.test(digits)) return v; // already turned into text by an earlier mutation
    if (style === 'decimal') return Number(digits) + 0.5;
    if (style === 'exponent') return Number(`${digits}e0`);
    return Number(digits);
  }
  return '1';
}

export function applyMutations(base: Json, mutations: Mutation[]): Json {
  let root = clone(base);
  for (const m of mutations) {
    const current = get(root, m.path);
    switch (m.op) {
      case 'wrong-type':
        root = set(root, m.path, otherType(current, m.value));
        break;
      case 'null':
        root = set(root, m.path, null);
        break;
      case 'missing':
        root = set(root, m.path, undefined);
        break;
      case 'extra': {
        const target = get(root, m.path);
        const obj =
          target && typeof target === 'object' && !Array.isArray(target) && !(target instanceof RawJson)
            ? (target as Record<string, Json>)
            : null;
        if (obj) setOwn(obj, m.key, m.value);
        break;
      }
      case 'many-keys': {
        const target = get(root, m.path);
        if (target && typeof target === 'object' && !Array.isArray(target) && !(target instanceof RawJson)) {
          for (let i = 0; i < m.count; i++) setOwn(target, `k${i}`, i);
        }
        break;
      }
      case 'huge-string':
        root = set(root, m.path, m.char.repeat(m.length));
        break;
      case 'nul':
      case 'surrogate': {
        const insert = m.op === 'nul' ? '\u0000' : m.unit;
        if (m.where === 'in-key' && m.path !== '') root = renameKey(root, m.path, insert);
        else root = set(root, m.path, place(typeof current === 'string' ? current : 'x', insert, m.where));
        break;
      }
      case 'deep-nesting':
        root = set(root, m.path, nested(m.depth, m.shape));
        break;
      case 'big-array': {
        const sample = Array.isArray(current) && current.length > 0 ? current[0] : (current ?? 'x');
        // Copies of a big value would make a body of hundreds of megabytes: size is huge-string's job.
        const length =
          m.element === 'copy'
            ? Math.min(m.length, Math.ceil(1_500_000 / (toJsonText(sample).length + 1)))
            : m.length;
        const items: Json[] = Array.from({ length }, (_, i) => {
          switch (m.element) {
            case 'copy':
              return sample;
            case 'distinct-strings':
              return `x${i}`;
            case 'numbers':
              return i;
            case 'objects':
              return {};
          }
        });
        root = set(root, m.path, items);
        break;
      }
      case 'number-as-string':
        root = set(root, m.path, retyped(current, m.style));
        break;
    }
  }
  return root;
}

/** JSON text of a body that may hold raw fragments and own `__proto__` keys. */
export function toJsonText(v: Json): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const INVALID_UTF8: Record<string, number[]> = {
  ff: [0xff],
  c0af: [0xc0, 0xaf],
  eda080: [0xed, 0xa0, 0x80],
  f4908080: [0xf4, 0x90, 0x80, 0x80],
  fe: [0xfe],
};

/** The bytes of a body case: the mutated base, or a broken text built from it. */
export function jsonBodyBytes(base: Json, c: JsonBodyCase): Buffer {
  if ('mutations' in c) return Buffer.from(toJsonText(applyMutations(base, c.mutations)), 'utf8');
  const valid = toJsonText(base);
  switch (c.text) {
    case 'literal':
      return Buffer.from(c.value, 'utf8');
    case 'truncated':
      return Buffer.from(valid.slice(0, c.at % Math.max(1, valid.length)), 'utf8');
    case 'appended':
      return Buffer.from(valid + c.value, 'utf8');
    case 'prefixed':
      return Buffer.from(c.value + valid, 'utf8');
    case 'invalid-utf8': {
      // Inside the first string value, so only the encoding is wrong.
      const at = valid.indexOf('":"') + 3;
      const text = Buffer.from(valid, 'utf8');
      const cut = at > 2 ? Buffer.byteLength(valid.slice(0, at), 'utf8') : text.length;
      return Buffer.concat([text.subarray(0, cut), Buffer.from(INVALID_UTF8[c.bytes]), text.subarray(cut)]);
    }
    case 'utf16':
      return Buffer.concat([
        c.bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0),
        Buffer.from(valid, 'utf16le'),
      ]);
    case 'random':
      return Buffer.from(c.value, 'utf8');
  }
}
