/**
 * Files for the attachment tests, built in memory and synchronously: a real one-page PDF (any
 * PDF reader, pdf-lib included, opens it), and the hostile files the upload must refuse.
 */

/** Text in a PDF string: the delimiters escaped, and only Latin-1 (WinAnsi) characters. */
const pdfString = (text: string) =>
  text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\u0020-\u00ff]/g, '?');

/**
 * A PDF 1.4 of the given objects (catalog first, numbered from 1) with a correct cross-reference
 * table, so it parses without any repair.
 */
function pdfOf(objects: string[], header = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'): Buffer {
  let body = header;
  const offsets: number[] = [];
  objects.forEach((object, n) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${n + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function onePage(text: string, catalogExtra = ''): string[] {
  const content = `BT /F1 12 Tf 72 770 Td (${pdfString(text)}) Tj ET`;
  return [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
}

/** A real one-page A4 PDF showing `text` (written uncompressed, so a test can look for it in bytes). */
export function aPdf(text = 'Vedtak om midlertidig bolig'): Buffer {
  return pdfOf(onePage(text));
}

/** An HTML page that only starts with a PDF header line: a browser sniffing it would run its script. */
export function anHtmlFileWithPdfHeader(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n<!DOCTYPE html><html><body><script>fetch("/api/v1/referrals/inbox")</script></body></html>\n%%EOF\n',
  );
}

/** A PDF that parses as one and is also an HTML page: markup hidden in a comment line. */
export function aPdfHtmlPolyglot(): Buffer {
  return pdfOf(
    onePage('Vedlegg'),
    '%PDF-1.4\n%<html><body><script>alert(document.domain)</script></body></html>\n',
  );
}

/** A Windows (MZ) or Linux (ELF) program with a PDF header line glued in front. */
export function aPdfPrefixedExecutable(kind: 'pe' | 'elf' = 'pe'): Buffer {
  const program =
    kind === 'pe'
      ? Buffer.concat([
          Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]),
          Buffer.alloc(50),
          Buffer.from('This program cannot be run in DOS mode.\r\r\n$'),
          Buffer.alloc(400, 0x90),
        ])
      : Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(480, 0)]);
  // A PDF's ending too, so only the program itself gives it away.
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), program, Buffer.from('\nstartxref\n0\n%%EOF\n')]);
}

/** A real PDF that runs JavaScript when opened. */
export function aPdfWithJavaScript(): Buffer {
  return pdfOf(onePage('Vedlegg', '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> '));
}
