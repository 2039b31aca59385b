import { IsArray, IsString, validateSync } from 'class-validator';
import { IsOmittable, IsUniqueArray } from './validators';

class Sample {
  @IsOmittable()
  @IsString()
  name?: string;

  @IsOmittable()
  @IsArray()
  @IsUniqueArray()
  tags?: string[];
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

  it('checks a very long array in linear time', () => {
    // Pairwise comparison of 100 000 values is 5·10⁹ steps: many seconds, not milliseconds.
    const tags = Array.from({ length: 100_000 }, (_, n) => `t${n}`);
    const started = Date.now();
    expect(problems({ tags })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
