import { csvCell, fromCsvCell } from './csv';

describe('csvCell', () => {
  it('turns every formula start into text with a leading apostrophe (OWASP)', () => {
    expect(csvCell(`=cmd|' /C calc'!A0`)).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell('+47 12345678')).toBe(`"'+47 12345678"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves ordinary text alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('Kari Nordmann')).toBe('Kari Nordmann');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Kari, Nordmann')).toBe('"Kari, Nordmann"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('reads back what it wrote', () => {
    for (const v of ['=1+1', '+47 12345678', "'quoted already", 'plain', '@x']) {
      const cell = csvCell(v);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(fromCsvCell(unquoted)).toBe(v);
    }
  });
});
