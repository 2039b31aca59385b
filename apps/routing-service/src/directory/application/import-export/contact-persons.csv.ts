import { csvCell, DomainError, fromCsvCell } from '@overgang/core';
import { ContactPersonRecord, UnitRecord } from '../../domain/directory';

/** Most entries of one kind an import may carry (the whole country's directory fits). */
export const MAX_IMPORT_ROWS = 5_000;

/** The columns of the contact-person CSV, export and import alike. */
export const CSV_HEADER = 'id,organisation_number,unit_id,name,email,phone,role,referral_types';

/** One data line of the file, as text still to be validated. */
export interface ContactPersonCsvRow {
  /** The line number in the file (the header is line 1). */
  row: number;
  fields: {
    id: string;
    unitId: string;
    name: string;
    email: string;
    phone: string;
    role: string;
    referralTypes: string[];
  };
}

/**
 * One CSV line: commas separate, double quotes enclose, "" is a quote; the apostrophe the export
 * puts before a formula start ('+47…) is taken off again.
 */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => fromCsvCell(c.trim()));
}

/** Splits the file into rows; refuses one that is empty or does not start with the export's header. */
export function readContactPersonsCsv(csv: unknown): ContactPersonCsvRow[] {
  if (typeof csv !== 'string' || csv.trim() === '') {
    throw new DomainError(
      'DIRECTORY.CSV_EMPTY',
      'Send the contact persons as text/csv with a header line.',
      'invalid',
      { field: 'body' },
    );
  }
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  if (header.trim() !== CSV_HEADER) {
    throw new DomainError('DIRECTORY.CSV_HEADER', `The first line must be: ${CSV_HEADER}`, 'invalid', {
      field: 'header',
    });
  }
  if (lines.length > MAX_IMPORT_ROWS) {
    throw new DomainError(
      'DIRECTORY.CSV_TOO_MANY_ROWS',
      `A file may hold at most ${MAX_IMPORT_ROWS} contact persons; split it.`,
      'invalid',
      { field: 'body' },
    );
  }
  return lines.map((line, n) => {
    const cells = parseCsvLine(line);
    return {
      row: n + 2,
      fields: {
        id: cells[0],
        unitId: cells[2],
        name: cells[3],
        email: cells[4],
        phone: cells[5],
        role: cells[6],
        referralTypes: (cells[7] ?? '').split(' ').filter(Boolean),
      },
    };
  });
}

/**
 * Contact persons as CSV lines under the header, each with its unit's organisation. Every cell
 * goes through csvCell: a name like =cmd|… opens in a spreadsheet as text, not as a formula.
 */
export function writeContactPersonsCsv(
  contactPersons: Array<Omit<ContactPersonRecord, 'active'>>,
  units: UnitRecord[],
): string {
  const orgOf = new Map(units.map((u) => [u.id, u.organisationNumber]));
  const rows = contactPersons.map((c) =>
    [c.id, orgOf.get(c.unitId) ?? '', c.unitId, c.name, c.email, c.phone, c.role, c.referralTypes.join(' ')]
      .map(csvCell)
      .join(','),
  );
  return [CSV_HEADER, ...rows].join('\n') + '\n';
}
