import { readdirSync, readFileSync, statSync } from 'fs';
import { IncomingMessage, ServerResponse } from 'http';
import { Socket } from 'net';
import { join } from 'path';
import * as classValidator from 'class-validator';
import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '@overgang/core';
import { invalidField, problemFor, RateLimitedError, RequestValidationError, writeProblem } from '../problem';
import { FIELD_TEXTS_NB } from './field-texts';
import { problemLanguage } from './language';
import { localizeProblem } from './localize';
import { CODE_TEXTS, TITLES_NB } from './problem-texts';

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}
const code = sources(join(ROOT, 'apps'))
  .concat(sources(join(ROOT, 'libs')))
  .map((path) => readFileSync(path, 'utf8'));

/**
 * Routing's reason codes: why a referral went to a holder or waits unroutable, stored and published
 * with their own reason text; no HTTP answer carries them as a problem's code.
 */
const REASON_CODES = new Set([
  'ROUTING.ACK_SILENCE',
  'ROUTING.CONSENT_DOES_NOT_COVER',
  'ROUTING.COORDINATOR_ASSIGNED',
  'ROUTING.HOLDER_ABSENT',
  'ROUTING.HOLDER_LEFT',
  'ROUTING.NO_CONTACTS_CONFIGURED',
  'ROUTING.NO_CONTACT_AVAILABLE',
  'ROUTING.NO_NAV_OFFICE',
  'ROUTING.NO_PRIMARY',
  'ROUTING.NO_UNIT',
  'ROUTING.PRIMARY_ABSENT',
  'ROUTING.PRIMARY_AVAILABLE',
  'ROUTING.TEAM_FEWEST_OPEN',
  'ROUTING.UNKNOWN_MUNICIPALITY',
]);

const req = (acceptLanguage?: string) =>
  ({ headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } }) as IncomingMessage;

describe('the problem text catalogue', () => {
  it('has bokmål for every problem code the services use', () => {
    const used = new Set(
      code.flatMap((text) => [...text.matchAll(/'([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_.]*)'/g)].map((m) => m[1])),
    );
    const missing = [...used].filter(
      (c) => !REASON_CODES.has(c) && c !== 'REQUEST.INVALID' && !CODE_TEXTS[c],
    );
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(80);
    expect(CODE_TEXTS.INTERNAL).toBeDefined();
  });

  it('has a bokmål title for every status the problems answer with', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429, 431, 500, 503]) {
      expect(TITLES_NB[status]).toBeDefined();
    }
  });

  it('has a bokmål message for every validation rule the DTOs and checks use', () => {
    const rules = new Set<string>();
    const constants = classValidator as unknown as Record<string, unknown>;
    for (const text of code) {
      for (const [, decorator] of text.matchAll(/@([A-Z]\w+)\(/g)) {
        // class-validator names each decorator's rule in a constant: IsUUID → IS_UUID = 'isUuid'
        // (IsOptional only skips the other rules and never refuses).
        const rule = constants[decorator.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()];
        if (typeof rule === 'string' && rule !== 'isOptional') rules.add(rule);
      }
      for (const [, rule] of text.matchAll(/name: '(is\w+)',\n\s+(?:target|validator)/g)) rules.add(rule);
      for (const [, rule] of text.matchAll(/^\s+'(is\w+)',\n\s+is(?:Valid|Known)\w+,/gm)) rules.add(rule);
      for (const [, rule] of text.matchAll(/invalidField\(\s*[^,]+,\s*'(\w+)'/g)) rules.add(rule);
      for (const [, rule] of text.matchAll(/\b(noNulCharacters|wellFormedUnicode|unknownField)\b/g))
        rules.add(rule);
    }
    expect([...rules].filter((r) => !FIELD_TEXTS_NB[r])).toEqual([]);
    for (const r of [
      'isString',
      'isNotEmpty',
      'isIn',
      'isUuid',
      'isDateWithin',
      'maxLength',
      'isNorwegianNationalId',
      'isKid',
    ]) {
      expect(rules.has(r)).toBe(true);
    }
  });
});

describe('problemLanguage', () => {
  it.each([
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn', 'nb'],
    ['NB-no', 'nb'],
    ['de, nb;q=0.1', 'nb'],
    ['en;q=0.5, nb-NO;q=0.9', 'nb'],
    ['nb;q=0.5, en;q=0.9', 'en'],
    ['en-US,en;q=0.9,nb;q=0.8', 'en'],
    ['nb;q=0', 'en'],
    ['sv', 'en'],
    ['*', 'en'],
    ['', 'en'],
  ])('answers %p in %s', (header, language) => {
    expect(problemLanguage(req(header))).toBe(language);
  });

  it('answers in English without Accept-Language', () => {
    expect(problemLanguage(req())).toBe('en');
  });
});

describe('localizeProblem', () => {
  const transition = new DomainError(
    'REFERRAL.ILLEGAL_TRANSITION',
    'A referral that is completed cannot become delivered. completed is final.',
    'conflict',
    {
      currentStatus: 'completed',
      requestedStatus: 'delivered',
      allowedNext: [],
    },
  );

  it('writes a domain error in bokmål from its extras, keeping code, status and extras', () => {
    const answer = problemFor(transition);
    const nb = localizeProblem(answer, 'nb');
    expect(nb).toMatchObject({
      status: 409,
      code: 'REFERRAL.ILLEGAL_TRANSITION',
      currentStatus: 'completed',
      title: 'Konflikt',
      detail: 'En henvisning som er fullført, kan ikke bli levert.',
    });
    expect(localizeProblem(answer, 'en')).toEqual(answer.problem);
  });

  it('says in English what a service wrote in bokmål, only when English is asked for', () => {
    const answer = problemFor(
      new DomainError(
        'AUTH.ROLE_REQUIRED',
        'Dette krever en av rollene coordinator i en organisasjon der rollen gjelder.',
        'forbidden',
        {
          requiredRoles: ['coordinator'],
        },
      ),
    );
    expect(localizeProblem(answer, 'en').detail).toBe(
      'This needs one of the roles coordinator in an organisation where the role applies.',
    );
    expect(localizeProblem(answer, 'nb').detail).toBe(answer.problem.detail);
  });

  it('names the wait of a 429 in either language', () => {
    const answer = problemFor(new RateLimitedError('user', 7));
    expect(localizeProblem(answer, 'nb')).toMatchObject({
      title: 'For mange forespørsler',
      detail: expect.stringContaining('vent 7 sekunder'),
    });
    expect(localizeProblem(answer, 'en')).toMatchObject({
      title: 'Too many requests',
      detail: expect.stringContaining('wait 7 seconds'),
    });
  });

  it('writes every field problem in bokmål by its rule, naming the field, and rebuilds the detail', () => {
    const answer = problemFor(
      new RequestValidationError([
        { field: 'person.name', rule: 'isString', message: 'name must be a string' },
        {
          field: 'housingSituation',
          rule: 'isIn',
          message: 'housingSituation must be one of: no-home, own-home',
        },
        { field: 'extra', rule: 'unknownField', message: 'extra is not a field this endpoint accepts' },
        {
          field: 'note',
          rule: 'maxLength',
          message: 'note must be shorter than or equal to 2000 characters',
        },
      ]),
    );
    const nb = localizeProblem(answer, 'nb');
    expect(nb.errors?.map((e) => e.message)).toEqual([
      'person.name må være tekst',
      'housingSituation må være en av: no-home, own-home',
      'extra er ikke et felt dette endepunktet tar imot',
      'note kan være høyst 2000 tegn',
    ]);
    expect(nb.errors?.map((e) => e.rule)).toEqual(['isString', 'isIn', 'unknownField', 'maxLength']);
    expect(nb.detail).toBe(
      'Forespørselen har felt som mangler eller ikke er gyldige. person.name må være tekst; housingSituation må være en av: no-home, own-home; extra er ikke et felt dette endepunktet tar imot; note kan være høyst 2000 tegn.',
    );
    expect(localizeProblem(answer, 'en')).toEqual(answer.problem);
  });

  it('says a bokmål field message in English when English is asked for', () => {
    const answer = problemFor(
      invalidField(
        'releaseDate',
        'isDateWithin',
        'releaseDate må være en dato fra 2026-01-01 til 2032-01-01',
      ),
    );
    expect(localizeProblem(answer, 'en').errors?.[0].message).toBe(
      'releaseDate must be a date from 2026-01-01 to 2032-01-01',
    );
    expect(localizeProblem(answer, 'nb').errors?.[0].message).toBe(
      'releaseDate må være en dato fra 2026-01-01 til 2032-01-01',
    );
  });

  it('writes Nest’s own refusals in bokmål by status', () => {
    expect(localizeProblem(problemFor(new UnauthorizedException()), 'nb')).toMatchObject({
      code: 'HTTP.401',
      title: 'Ikke logget inn',
      detail: expect.stringContaining('bearer-token'),
    });
    expect(localizeProblem(problemFor(new NotFoundException()), 'nb').detail).toBe(
      'Det finnes ingenting her, eller du har ikke tilgang til det.',
    );
  });
});

describe('writeProblem', () => {
  function answerFor(headers: Record<string, string>) {
    const request = new IncomingMessage(new Socket());
    request.headers = headers;
    request.url = '/api/v1/referrals/x';
    const res = new ServerResponse(request);
    let body = '';
    res.end = ((chunk: string) => {
      body = chunk;
      return res;
    }) as typeof res.end;
    res.setHeader('vary', 'Origin');
    writeProblem(res, problemFor(transition()), request);
    return { res, problem: JSON.parse(body) as { title: string; detail: string; code: string } };
  }
  const transition = () =>
    new DomainError(
      'REFERRAL.NOT_FOUND',
      'No referral with that id exists, or you may not see it.',
      'not-found',
    );

  it('answers in the language asked for, says so, and varies on Accept-Language', () => {
    const nb = answerFor({ 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' });
    expect(nb.problem).toMatchObject({ code: 'REFERRAL.NOT_FOUND', title: 'Ikke funnet' });
    expect(nb.problem.detail).toBe(
      'Det finnes ingen henvisning med den id-en, eller du har ikke tilgang til den.',
    );
    expect(nb.res.getHeader('content-language')).toBe('nb');
    expect(nb.res.getHeader('vary')).toBe('Origin, Accept-Language');
    const en = answerFor({});
    expect(en.problem).toMatchObject({ code: 'REFERRAL.NOT_FOUND', title: 'Not found' });
    expect(en.problem.detail).toBe('No referral with that id exists, or you may not see it.');
    expect(en.res.getHeader('content-language')).toBe('en');
  });
});
