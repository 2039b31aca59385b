import {
  CSV_HEADER,
  parseCsvLine,
  readContactPersonsCsv,
  writeContactPersonsCsv,
} from './contact-persons.csv';

describe('contact-person CSV', () => {
  it('splits on commas, keeps quoted commas and turns "" into a quote', () => {
    expect(parseCsvLine('a, "b, c" ,"say ""hi"""')).toEqual(['a', 'b, c', 'say "hi"']);
  });

  it('refuses an empty body or a foreign header', () => {
    expect(() => readContactPersonsCsv('  ')).toThrow(
      expect.objectContaining({ code: 'DIRECTORY.CSV_EMPTY' }),
    );
    expect(() => readContactPersonsCsv(undefined)).toThrow(
      expect.objectContaining({ code: 'DIRECTORY.CSV_EMPTY' }),
    );
    expect(() => readContactPersonsCsv('id,name\nx,y')).toThrow(
      expect.objectContaining({ code: 'DIRECTORY.CSV_HEADER' }),
    );
  });

  it('reads what it writes, numbering rows as lines of the file', () => {
    const person = {
      id: 'cp-1',
      unitId: 'unit-1',
      name: 'Kari, Nordmann',
      email: 'kari@example.no',
      phone: '+47 12345678',
      role: 'primary' as const,
      referralTypes: ['release-notice' as const, 'discharge-notice' as const],
    };
    const unit = {
      id: 'unit-1',
      organisationNumber: '100000016',
      name: 'Bolig',
      kind: 'housing-service' as const,
      receives: [],
      mode: 'primary-backup' as const,
    };
    const csv = writeContactPersonsCsv([person], [unit]);
    expect(csv.split('\n')[0]).toBe(CSV_HEADER);
    expect(readContactPersonsCsv(csv.replace('\n', '\r\n'))).toEqual([{ row: 2, fields: person }]);
  });

  it('writes a formula-leading cell as text (OWASP), and reads it back as it was', () => {
    const unit = {
      id: 'unit-1',
      organisationNumber: '100000016',
      name: 'Bolig',
      kind: 'housing-service' as const,
      receives: [],
      mode: 'primary-backup' as const,
    };
    const hostile = {
      id: 'cp-2',
      unitId: 'unit-1',
      name: `=cmd|' /C calc'!A0`,
      email: '@SUM(1+1)*cmd|x',
      phone: '+47 12345678',
      role: 'backup' as const,
      referralTypes: ['release-notice' as const],
    };
    const csv = writeContactPersonsCsv([hostile], [unit]);
    const cells = parseCsvLine(csv.split('\n')[1]);
    const raw = csv.split('\n')[1];
    expect(raw).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(raw).toContain(`"'@SUM(1+1)*cmd|x"`);
    expect(raw).toContain(`"'+47 12345678"`);
    // No cell of the line starts a formula as a spreadsheet reads it.
    for (const cell of raw.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells[3]).toBe(hostile.name);
    expect(readContactPersonsCsv(csv)).toEqual([{ row: 2, fields: hostile }]);
  });
});
