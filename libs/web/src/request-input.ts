import { NextFunction, Request, Response } from 'express';
import { invalidField, RequestValidationError, unknownFieldMessage } from './problem';

/** Deeper JSON than this is refused: no request of the hub nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * No JSON array in any request is longer than this; endpoints set tighter limits (ArrayMaxSize).
 * Checked before class-transformer and class-validator walk the body, whose cost grows with it.
 */
export const MAX_ARRAY_LENGTH = 5_000;

/**
 * Keys that no endpoint takes but that class-transformer and the validation pipe do not refuse:
 * JSON.parse makes `__proto__` an own key, and assigning it to an instance swaps its prototype
 * instead of adding a field the whitelist would see. Refused like any other unknown key.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** With the u flag a surrogate pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function badText(text: string): 'noNulCharacters' | 'wellFormedUnicode' | null {
  if (text.includes('\u0000')) return 'noNulCharacters';
  if (LONE_SURROGATE.test(text)) return 'wellFormedUnicode';
  return null;
}

const MESSAGES = {
  noNulCharacters: (field: string) => `${field} contains a NUL character (\\u0000)`,
  wellFormedUnicode: (field: string) => `${field} contains a lone surrogate (text that is not valid Unicode)`,
};

/** Field paths are shown to the caller; a hostile key is not echoed in full. */
const shown = (field: string) => (field.length > 120 ? `${field.slice(0, 120)}…` : field);

function checkText(text: string, field: string): void {
  const rule = badText(text);
  if (rule) throw invalidField(shown(field), rule, MESSAGES[rule](shown(field)));
}

function checkUrl(url: string): void {
  const [path, query = ''] = url.split('?', 2);
  for (const [part, field] of [
    [path, 'path'],
    [query.replace(/\+/g, ' '), 'query'],
  ] as const) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      throw invalidField(
        field,
        'percentEncoding',
        `The ${field} of the address is not valid percent-encoded UTF-8`,
      );
    }
    checkText(decoded, field);
  }
}

/** Walks a parsed body without recursion: every key and string checked, the depth bounded. */
function checkBody(body: unknown): void {
  if (typeof body === 'string') return checkText(body, 'body');
  if (body === null || typeof body !== 'object') return;
  if (Array.isArray(body)) {
    throw invalidField('body', 'isObject', 'The request body must be a JSON object');
  }
  const stack: Array<[unknown, string, number]> = [[body, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      checkText(value, path || 'body');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw invalidField(
        shown(path),
        'maxDepth',
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels (at ${shown(path)})`,
      );
    }
    if (Array.isArray(value) && value.length > MAX_ARRAY_LENGTH) {
      throw invalidField(
        shown(path),
        'arrayMaxSize',
        `${shown(path)} has more than ${MAX_ARRAY_LENGTH} entries; no request takes that many`,
      );
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      checkText(key, path ? `a key in ${path}` : 'a key of the body');
      if (PROTOTYPE_KEYS.has(key)) {
        throw invalidField(shown(childPath), 'unknownField', unknownFieldMessage(shown(childPath)));
      }
      stack.push([child, childPath, depth + 1]);
    }
  }
}

/** The parsed query string's keys: a query DTO is an instance built from them like a body's. */
function checkQuery(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  for (const key of Object.keys(query)) {
    if (PROTOTYPE_KEYS.has(key))
      throw invalidField(shown(key), 'unknownField', unknownFieldMessage(shown(key)));
  }
}

/**
 * Refuses, with 400 naming the field and the rule, what PostgreSQL or the validators cannot take:
 * NUL characters and lone surrogates anywhere in the address or the body, bad percent-encoding,
 * JSON nested deeper than MAX_JSON_DEPTH, arrays longer than MAX_ARRAY_LENGTH, a JSON body that
 * is not an object, and prototype keys (`__proto__`, `constructor`, `prototype`) at any depth. Mounted after
 * the body parsers.
 */
export function checkRequestInput(req: Request, _res: Response, next: NextFunction): void {
  try {
    checkUrl(req.originalUrl ?? req.url);
    checkQuery(req.query);
    checkBody(req.body);
    next();
  } catch (err) {
    if (!(err instanceof RequestValidationError)) throw err;
    next(err);
  }
}
