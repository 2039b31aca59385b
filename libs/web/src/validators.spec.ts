import { IsArray, IsString, validateSync } from 'class-validator';
import { IsOmittable, IsUniqueArray, IsUniqueBy } from './validators';

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
