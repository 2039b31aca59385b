import { IsArray, IsString, validateSync } from 'class-validator';
import {
  dateWindow,
  IsDateOnly,
  IsDateWithin,
  IsOmittable,
  IsUniqueArray,
  IsUniqueBy,
  offsetDate,
} from './validators';

class Sample {
  @IsOmittable()
  @IsString()
  name?: string;

  @IsOmittable()
  @IsArray()
  @IsUniqueArray()
  tags?: string[];

  @IsOmittable()
  @IsArray()
  @IsUniqueBy('id')
  rows?: { id?: unknown }[];
}

const problems = (plain: object) =>
  validateSync(Object.assign(new Sample(), plain)).flatMap((e) => Object.keys(e.constraints ?? {}));

describe('IsOmittable', () => {
  it('lets a field be left out but refuses null', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ name: null })).toEqual(['isString']);
  });
});

describe('IsUniqueArray', () => {
  it('refuses a value twice', () => {
    expect(problems({ tags: ['a', 'b'] })).toEqual([]);
    expect(problems({ tags: ['a', 'b', 'a'] })).toEqual(['isUniqueArray']);
  });

  it('checks a very long array (its time is in the fuzz suite, not asserted here)', () => {
    const tags = Array.from({ length: 100_000 }, (_, n) => `t${n}`);
    expect(problems({ tags })).toEqual([]);
    expect(problems({ tags: [...tags, 't99999'] })).toEqual(['isUniqueArray']);
  });
});

describe('IsUniqueBy', () => {
  it('refuses two rows with one id, and leaves rows without one to their own validation', () => {
    expect(problems({ rows: [{ id: 'a' }, { id: 'b' }] })).toEqual([]);
    expect(problems({ rows: [{ id: 'a' }, { id: 'b' }, { id: 'a' }] })).toEqual(['isUniqueBy']);
    expect(problems({ rows: [{}, {}, null, 'x'] })).toEqual([]);
  });
});

class Dated {
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin({ notBefore: { years: -1 }, notAfter: { years: 5 } })
  releaseDate?: string;

  @IsOmittable()
  @IsDateWithin({ notBefore: { years: -1 }, notAfter: { years: 2 } })
  firstMonth?: string;

  @IsOmittable()
  @IsDateWithin({ notBefore: { years: -10 }, notAfter: {} })
  admissionDate?: string;
}

const dateProblems = (plain: object) =>
  validateSync(Object.assign(new Dated(), plain)).flatMap((e) =>
    Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field: e.property, rule, message })),
  );

describe('IsDateWithin', () => {
  // 23:30 UTC on 31 December is already 1 January in Oslo.
  const NOW = new Date('2026-12-31T23:30:00Z');
  beforeAll(() => jest.useFakeTimers({ now: NOW }));
  afterAll(() => jest.useRealTimers());

  it('counts from today in Oslo, and moves 29 February to 28 February', () => {
    expect(dateWindow({ notBefore: { years: -1 }, notAfter: { years: 5 } }, NOW)).toEqual({
      earliest: '2026-01-01',
      latest: '2032-01-01',
    });
    expect(offsetDate('2028-02-29', { years: 1 })).toBe('2029-02-28');
    expect(offsetDate('2026-03-01', { days: -1 })).toBe('2026-02-28');
  });

  it('takes the window’s ends and refuses a day outside, naming the field and the window', () => {
    expect(dateProblems({ releaseDate: '2026-01-01', admissionDate: '2027-01-01' })).toEqual([]);
    expect(dateProblems({ releaseDate: '2032-01-01' })).toEqual([]);
    expect(dateProblems({ releaseDate: '2032-01-02' })).toEqual([
      {
        field: 'releaseDate',
        rule: 'isDateWithin',
        message: 'releaseDate må være en dato fra 2026-01-01 til 2032-01-01',
      },
    ]);
    expect(dateProblems({ releaseDate: '2025-12-31' }).map((p) => p.rule)).toEqual(['isDateWithin']);
    expect(dateProblems({ admissionDate: '2027-01-02' }).map((p) => p.rule)).toEqual(['isDateWithin']);
  });

  it('refuses year 9999 and year 0001', () => {
    expect(dateProblems({ releaseDate: '9999-12-31' }).map((p) => p.rule)).toEqual(['isDateWithin']);
    expect(dateProblems({ releaseDate: '0001-01-01' }).map((p) => p.rule)).toEqual(['isDateWithin']);
  });

  it('bounds a month written YYYY-MM by the months of the window', () => {
    expect(dateProblems({ firstMonth: '2026-01' })).toEqual([]);
    expect(dateProblems({ firstMonth: '2029-01' })).toEqual([]);
    expect(dateProblems({ firstMonth: '2029-02' })).toEqual([
      {
        field: 'firstMonth',
        rule: 'isDateWithin',
        message: 'firstMonth må være en måned fra 2026-01 til 2029-01',
      },
    ]);
  });

  it('leaves a value that is no date to the format check', () => {
    expect(dateProblems({ releaseDate: 'soon' }).map((p) => p.rule)).toEqual(['isDateOnly']);
    expect(dateProblems({ firstMonth: 7 })).toEqual([]);
  });
});
