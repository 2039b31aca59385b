import fc from 'fast-check';
import { aPdf } from '@overgang/testing';

// ---- CSV (the contact-person import) -------------------------------------------------------------

export const CSV_FAMILIES = ['csv-cells', 'csv-structure', 'csv-encoding'] as const;
export type CsvFamily = (typeof CSV_FAMILIES)[number];

type CellValue =
  | { cell: 'empty' }
  | { cell: 'huge'; length: number }
  | { cell: 'nul' }
  | { cell: 'surrogate' }
  | { cell: 'text'; value: string };

export type CsvMutation =
  | { op: 'cell'; row: number; col: number; value: CellValue; quoted: boolean }
  | { op: 'drop-column'; col: number }
  | { op: 'extra-column'; value: string }
  | { op: 'header'; header: string }
  | { op: 'rows'; count: number }
  | { op: 'line-endings'; ending: '\r\n' | '\r' | '\n\n' }
  | { op: 'unterminated-quote' }
  | { op: 'empty' };

export type CsvEncoding = 'utf8' | 'bom' | 'latin1' | 'utf16le' | 'invalid-utf8';
export interface CsvCase {
  mutations: CsvMutation[];
  encoding: CsvEncoding;
}

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant<CellValue>({ cell: 'nul' }),
  fc.constant<CellValue>({ cell: 'surrogate' }),
  fc.constant<CellValue>({ cell: 'empty' }),
  fc.record({ cell: fc.constant('huge' as const), length: fc.constantFrom(201, 5_000, 100_000, 2_100_000) }),
  fc.record({
    cell: fc.constant('text' as const),
    value: fc.oneof(
      fc.constantFrom(
        '"',
        '""',
        'a,b',
        'line\nbreak',
        '=HYPERLINK("x")',
        'æøå 😀',
        ' padded ',
        'UPPER-CASE',
        '-1',
      ),
      fc.string({ unit: 'binary', maxLength: 20 }),
    ),
  }),
);

const csvMutation = (family: CsvFamily): fc.Arbitrary<CsvMutation> => {
  const cells = fc.record({
    op: fc.constant('cell' as const),
    row: fc.nat(2),
    col: fc.nat(7),
    value: cellValue,
    quoted: fc.boolean(),
  });
  if (family === 'csv-cells') return cells;
  return fc.oneof(
    fc.record({ op: fc.constant('drop-column' as const), col: fc.nat(7) }),
    fc.record({ op: fc.constant('extra-column' as const), value: fc.constantFrom('x', '', '"quoted"') }),
    fc.record({
      op: fc.constant('header' as const),
      header: fc.constantFrom(
        '',
        'ID,ORGANISATION_NUMBER,UNIT_ID,NAME,EMAIL,PHONE,ROLE,REFERRAL_TYPES',
        'id;organisation_number;unit_id;name;email;phone;role;referral_types',
        'unit_id,id,organisation_number,name,email,phone,role,referral_types',
        'id,organisation_number,unit_id,name,email,phone,role',
        ' id,organisation_number,unit_id,name,email,phone,role,referral_types',
      ),
    }),
    fc.record({ op: fc.constant('rows' as const), count: fc.constantFrom(0, 2, 500, 20_000) }),
    fc.record({
      op: fc.constant('line-endings' as const),
      ending: fc.constantFrom<'\r\n' | '\r' | '\n\n'>('\r\n', '\r', '\n\n'),
    }),
    fc.constant<CsvMutation>({ op: 'unterminated-quote' }),
    fc.constant<CsvMutation>({ op: 'empty' }),
  );
};

export function csvCase(family: CsvFamily): fc.Arbitrary<CsvCase> {
  if (family === 'csv-encoding') {
    return fc.record({
      mutations: fc.constant([]),
      encoding: fc.constantFrom<CsvEncoding>('bom', 'latin1', 'utf16le', 'invalid-utf8'),
    });
  }
  return fc.record({
    mutations: fc.array(csvMutation(family), { minLength: 1, maxLength: 3 }),
    encoding: fc.constant<CsvEncoding>('utf8'),
  });
}

const cellText = (v: CellValue): string => {
  switch (v.cell) {
    case 'empty':
      return '';
    case 'huge':
      return 'x'.repeat(v.length);
    case 'nul':
      return 'a\u0000b';
    case 'surrogate':
      return 'a\ud800b';
    case 'text':
      return v.value;
  }
};

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** CSV text from a header and rows, after the mutations. */
export function csvBytes(header: string, rows: string[][], c: CsvCase): Buffer {
  let head = header;
  let body = rows.map((r) => r.map((cell) => (/[",\n]/.test(cell) ? quote(cell) : cell)));
  let ending = '\n';
  let tail = '';
  for (const m of c.mutations) {
    switch (m.op) {
      case 'cell': {
        const row = body[m.row % Math.max(1, body.length)];
        if (!row) break;
        const text = cellText(m.value);
        row[m.col % row.length] = m.quoted ? quote(text) : text;
        break;
      }
      case 'drop-column': {
        const cols = head.split(',');
        cols.splice(m.col % cols.length, 1);
        head = cols.join(',');
        body = body.map((r) => r.filter((_, i) => i !== m.col % r.length));
        break;
      }
      case 'extra-column':
        body = body.map((r) => [...r, m.value]);
        break;
      case 'header':
        head = m.header;
        break;
      case 'rows': {
        const first = body[0] ?? [];
        body = Array.from({ length: m.count }, (_, i) =>
          first.map((cell, col) => (col === 0 ? `${cell}-${i}` : cell)),
        );
        break;
      }
      case 'line-endings':
        ending = m.ending;
        break;
      case 'unterminated-quote':
        tail = `${ending}"unterminated,${'x'.repeat(10)}`;
        break;
      case 'empty':
        head = '';
        body = [];
        break;
    }
  }
  const text =
    [head, ...body.map((r) => r.join(','))].join(ending) + tail + (head || body.length ? ending : '');
  switch (c.encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'latin1':
      return Buffer.from(text.replace(/Eksempel/, 'Æøå Eksempel'), 'latin1');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'invalid-utf8': {
      const b = Buffer.from(text, 'utf8');
      const at = b.indexOf(',') + 1;
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xc0, 0xaf]), b.subarray(at)]);
    }
  }
}

// ---- multipart (attachment upload) ---------------------------------------------------------------

export const MULTIPART_FAMILIES = ['file-content', 'file-name', 'form-structure'] as const;
export type MultipartFamily = (typeof MULTIPART_FAMILIES)[number];

export const BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';
const PDF = aPdf('Vedtak');

export interface MultipartCase {
  content: 'pdf' | 'not-pdf' | 'empty' | 'header-only' | 'pdf-with-nul' | 'just-over-5mb' | '6mb' | 'binary';
  partType: 'application/pdf' | 'text/plain' | 'none' | 'application/json';
  filename: string | null;
  field: string;
  structure:
    | 'well-formed'
    | 'two-files'
    | 'text-fields'
    | 'many-text-fields'
    | 'no-closing-boundary'
    | 'wrong-boundary'
    | 'no-parts'
    | 'garbage'
    | 'bare-lf';
}

const CONTENTS: MultipartCase['content'][] = [
  'not-pdf',
  'empty',
  'header-only',
  'pdf-with-nul',
  'just-over-5mb',
  '6mb',
  'binary',
];

export function multipartCase(family: MultipartFamily): fc.Arbitrary<MultipartCase> {
  const valid: MultipartCase = {
    content: 'pdf',
    partType: 'application/pdf',
    filename: 'vedtak.pdf',
    field: 'file',
    structure: 'well-formed',
  };
  switch (family) {
    case 'file-content':
      return fc.record({
        content: fc.constantFrom(...CONTENTS),
        partType: fc.constantFrom<MultipartCase['partType']>(
          'application/pdf',
          'text/plain',
          'none',
          'application/json',
        ),
        filename: fc.constant(valid.filename),
        field: fc.constant(valid.field),
        structure: fc.constant(valid.structure),
      });
    case 'file-name':
      return fc.record({
        content: fc.constant(valid.content),
        partType: fc.constant(valid.partType),
        filename: fc.oneof(
          fc.constantFrom<string | null>(
            null,
            '',
            'a\u0000b.pdf',
            'a\ud800b.pdf',
            '../../etc/passwd',
            'C:\\x\\y.pdf',
            'a"b.pdf',
            'æøå 😀.pdf',
            `${'x'.repeat(1_000)}.pdf`,
            `${'x'.repeat(8_000)}.pdf`,
            'x.exe',
          ),
          fc.string({ unit: 'binary', maxLength: 30 }),
        ),
        field: fc.constantFrom('file', 'files', 'File', '', 'file[]', 'a\u0000b'),
        structure: fc.constant(valid.structure),
      });
    case 'form-structure':
      return fc.record({
        content: fc.constant(valid.content),
        partType: fc.constant(valid.partType),
        filename: fc.constant(valid.filename),
        field: fc.constant(valid.field),
        structure: fc.constantFrom<MultipartCase['structure']>(
          'two-files',
          'text-fields',
          'many-text-fields',
          'no-closing-boundary',
          'wrong-boundary',
          'no-parts',
          'garbage',
          'bare-lf',
        ),
      });
  }
}

function fileBytes(content: MultipartCase['content']): Buffer {
  switch (content) {
    case 'pdf':
      return PDF;
    case 'not-pdf':
      return Buffer.from('not a pdf');
    case 'empty':
      return Buffer.alloc(0);
    case 'header-only':
      return Buffer.from('%PDF');
    case 'pdf-with-nul':
      return Buffer.concat([PDF, Buffer.alloc(64)]);
    case 'just-over-5mb':
      return Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length)]);
    case '6mb':
      return Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]);
    case 'binary':
      return Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256));
  }
}

/** A multipart/form-data body (and the boundary the Content-Type header must name). */
export function multipartBytes(c: MultipartCase): Buffer {
  const crlf = c.structure === 'bare-lf' ? '\n' : '\r\n';
  const boundary = c.structure === 'wrong-boundary' ? 'notTheBoundary' : BOUNDARY;
  const disposition = `Content-Disposition: form-data; name="${c.field}"${c.filename === null ? '' : `; filename="${c.filename}"`}`;
  const filePart = (name = c.field) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}${crlf}${disposition.replace(`name="${c.field}"`, `name="${name}"`)}${crlf}${
          c.partType === 'none' ? '' : `Content-Type: ${c.partType}${crlf}`
        }${crlf}`,
      ),
      fileBytes(c.content),
      Buffer.from(crlf),
    ]);
  const textPart = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}${crlf}Content-Disposition: form-data; name="${name}"${crlf}${crlf}${value}${crlf}`,
    );
  const close = Buffer.from(`--${boundary}--${crlf}`);
  switch (c.structure) {
    case 'well-formed':
    case 'wrong-boundary':
    case 'bare-lf':
      return Buffer.concat([filePart(), close]);
    case 'two-files':
      return Buffer.concat([filePart(), filePart(), close]);
    case 'text-fields':
      return Buffer.concat([textPart('note', 'x'), textPart('__proto__', '{"a":1}'), filePart(), close]);
    case 'many-text-fields':
      return Buffer.concat([
        ...Array.from({ length: 5_000 }, (_, i) => textPart(`f${i}`, 'x')),
        filePart(),
        close,
      ]);
    case 'no-closing-boundary':
      return filePart();
    case 'no-parts':
      return close;
    case 'garbage':
      return Buffer.from('this is not multipart at all');
  }
}
