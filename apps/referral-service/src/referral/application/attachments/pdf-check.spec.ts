import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  aPdf,
  aPdfHtmlPolyglot,
  aPdfPrefixedExecutable,
  aPdfWithJavaScript,
  anHtmlFileWithPdfHeader,
} from '@overgang/testing';
import { pdfRefusal } from './pdf-check';

describe('pdfRefusal', () => {
  it('takes a real PDF, the test factory’s and one written by pdf-lib with object streams', async () => {
    expect(await pdfRefusal(aPdf('Vedtak om bolig – Ærlig og åpen'))).toBeNull();
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Vedtak', { font: await doc.embedFont(StandardFonts.Helvetica) });
    expect(await pdfRefusal(Buffer.from(await doc.save({ useObjectStreams: true })))).toBeNull();
  });

  it('refuses what only looks like a PDF at its first bytes', async () => {
    expect(await pdfRefusal(Buffer.from('not a pdf'))).toBe('not-pdf');
    expect(await pdfRefusal(Buffer.from('%PDF'))).toBe('not-pdf');
    expect(await pdfRefusal(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))).toBe(
      'not-pdf',
    );
    // A whole PDF's header and ending around a body that is not one.
    const fake = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(2000, 0x41),
      Buffer.from('\nstartxref\n9\n%%EOF\n'),
    ]);
    expect(await pdfRefusal(fake)).toBe('unreadable');
    expect(await pdfRefusal(Buffer.concat([Buffer.from(' '), aPdf()]))).toBe('not-pdf');
  });

  it('refuses HTML under a PDF header, and a PDF that is also an HTML page', async () => {
    expect(await pdfRefusal(anHtmlFileWithPdfHeader())).toBe('not-only-pdf');
    expect(await pdfRefusal(aPdfHtmlPolyglot())).toBe('not-only-pdf');
    expect(await pdfRefusal(Buffer.concat([aPdf(), Buffer.from('<script>alert(1)</script>')]))).toBe(
      'not-only-pdf',
    );
  });

  it('refuses a program with a PDF header in front', async () => {
    expect(await pdfRefusal(aPdfPrefixedExecutable('pe'))).toBe('not-only-pdf');
    expect(await pdfRefusal(aPdfPrefixedExecutable('elf'))).toBe('not-only-pdf');
  });

  it('refuses a PDF with active content, also inside compressed object streams', async () => {
    expect(await pdfRefusal(aPdfWithJavaScript())).toBe('active-content');
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addJavaScript('main', 'app.alert(1)');
    const compressed = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(compressed.toString('latin1')).not.toContain('JavaScript');
    expect(await pdfRefusal(compressed)).toBe('active-content');
    const withFile = await PDFDocument.create();
    withFile.addPage();
    await withFile.attach(Buffer.from('payload'), 'payload.bin', { mimeType: 'application/octet-stream' });
    expect(await pdfRefusal(Buffer.from(await withFile.save()))).toBe('active-content');
  });

  it('gives up on a file too costly to parse within its time, off the main thread', async () => {
    // Junk between a valid header and ending makes pdf-lib scan byte by byte: seconds for megabytes.
    let seed = 7;
    const noise = Buffer.from(
      Array.from({ length: 3 * 1024 * 1024 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16),
    );
    const junk = Buffer.concat([Buffer.from('%PDF-1.4\n%'), noise, Buffer.from('\nstartxref\n9\n%%EOF\n')]);
    const started = Date.now();
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(Date.now()), 50);
    const verdict = await pdfRefusal(junk, 500);
    clearInterval(ticker);
    expect(verdict).toBe('unreadable');
    expect(Date.now() - started).toBeLessThan(3_000);
    // The service went on answering meanwhile.
    expect(ticks.length).toBeGreaterThan(3);
  });
});
