'use strict';
// A one-page sample PDF on stdout for the README's attachment step: node scripts/walkthrough/sample-pdf.js > case.pdf
// (a real PDF with a correct cross-reference table, as the upload's PDF check asks; no active content).
const text = process.argv[2] || 'Vedtak om midlertidig bolig';
const content = `BT /F1 12 Tf 72 770 Td (${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\u0020-\u00ff]/g, '?')}) Tj ET`;
const objects = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
];
let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
const offsets = objects.map((object, n) => {
  const at = Buffer.byteLength(body, 'latin1');
  body += `${n + 1} 0 obj\n${object}\nendobj\n`;
  return at;
});
const xref = Buffer.byteLength(body, 'latin1');
body +=
  `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
  offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
  `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
process.stdout.write(Buffer.from(body, 'latin1'));
