import { Worker } from 'worker_threads';

/** Why a file is not taken as a case document. */
export type PdfRefusal =
  | 'not-pdf'
  | 'not-only-pdf'
  | 'unreadable'
  | 'encrypted'
  | 'no-pages'
  | 'active-content';

/** Longest a file may take to parse; a real case document takes milliseconds. */
export const PDF_PARSE_TIMEOUT_MS = 4_000;

const HEADER = /^%PDF-[12]\.\d/;

/**
 * What a browser or an operating system would run instead of showing a PDF: markup that a
 * browser sniffing the bytes renders as a page, and the starts of programs. Long enough not to
 * occur by chance in compressed data.
 */
const FOREIGN_CONTENT =
  /<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|iframe[\s>]|svg[\s>]|object[\s>]|embed[\s>]|meta[\s>])|This program cannot be run in DOS mode/i;

/** Magic numbers of executables and archives: Windows (MZ), ELF, Mach-O, scripts (#!), zip/jar. */
const PROGRAM_STARTS = [
  Buffer.from('MZ'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  Buffer.from('#!'),
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
];

/** The bytes after the header line: where a program glued behind "%PDF-1.4\n" begins. */
function afterHeaderLine(bytes: Buffer): Buffer {
  const end = bytes.subarray(0, 1024).findIndex((b) => b === 0x0a || b === 0x0d);
  if (end < 0) return Buffer.alloc(0);
  let start = end;
  while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  return bytes.subarray(start, start + 8);
}

/**
 * The checks that need no parser: a PDF header at the first byte, no program behind it, no HTML
 * or program text anywhere, and a PDF's ending (startxref and %%EOF) in its last kilobyte.
 */
export function pdfShapeRefusal(bytes: Buffer): PdfRefusal | null {
  const text = bytes.toString('latin1');
  if (!HEADER.test(text.slice(0, 16))) return 'not-pdf';
  const next = afterHeaderLine(bytes);
  if (PROGRAM_STARTS.some((magic) => next.subarray(0, magic.length).equals(magic))) return 'not-only-pdf';
  if (FOREIGN_CONTENT.test(text)) return 'not-only-pdf';
  const tail = text.slice(-1024);
  if (!/startxref\s+\d+\s+%%EOF[\s\0]*$/.test(tail)) return 'not-pdf';
  return null;
}

/**
 * Runs in a worker thread: pdf-lib parses the whole file (object streams included) and every
 * dictionary is searched for active content: JavaScript, launching programs, embedded files,
 * rich media, XFA forms and form submission.
 */
const PARSE_IN_WORKER = `
const { parentPort, workerData } = require('worker_threads');
const { PDFDocument, PDFDict, PDFArray, PDFName, PDFStream, EncryptedPDFError } = require(workerData.pdfLib);
const ACTIVE = new Set(['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/EmbeddedFiles', '/RichMedia',
  '/XFA', '/SubmitForm', '/ImportData', '/GoToE', '/Sound', '/Movie']);
function active(root) {
  const stack = [[root, 0]];
  const seen = new Set();
  while (stack.length) {
    const [o, depth] = stack.pop();
    if (!o || seen.has(o) || depth > 64) continue;
    seen.add(o);
    if (o instanceof PDFName) { if (ACTIVE.has(o.asString())) return true; continue; }
    const dict = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : null;
    if (dict) {
      for (const [k, v] of dict.entries()) {
        if (ACTIVE.has(k.asString())) return true;
        stack.push([v, depth + 1]);
      }
    } else if (o instanceof PDFArray) {
      for (const v of o.asArray()) stack.push([v, depth + 1]);
    }
  }
  return false;
}
(async () => {
  let doc;
  try {
    doc = await PDFDocument.load(workerData.bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    return parentPort.postMessage(e instanceof EncryptedPDFError ? 'encrypted' : 'unreadable');
  }
  if (doc.getPageCount() < 1) return parentPort.postMessage('no-pages');
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (active(object)) return parentPort.postMessage('active-content');
  }
  parentPort.postMessage('ok');
})().catch(() => parentPort.postMessage('unreadable'));
`;

/** Parses in a worker, so a hostile file costs a bounded time on another thread, not the service's. */
function parseRefusal(bytes: Buffer, timeoutMs: number): Promise<PdfRefusal | null> {
  return new Promise((resolve) => {
    const worker = new Worker(PARSE_IN_WORKER, {
      eval: true,
      workerData: { bytes: new Uint8Array(bytes), pdfLib: require.resolve('pdf-lib') },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (verdict: PdfRefusal | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(verdict);
    };
    const timer = setTimeout(() => settle('unreadable'), timeoutMs);
    worker.on('message', (m: PdfRefusal | 'ok') => settle(m === 'ok' ? null : m));
    worker.on('error', () => settle('unreadable'));
    worker.on('exit', () => settle('unreadable'));
  });
}

/** Whether the bytes are a PDF and nothing else, with pages and without active content; null when they are. */
export async function pdfRefusal(
  bytes: Buffer,
  timeoutMs = PDF_PARSE_TIMEOUT_MS,
): Promise<PdfRefusal | null> {
  return pdfShapeRefusal(bytes) ?? (await parseRefusal(bytes, timeoutMs));
}

/** The refusal in plain Norwegian, for the caseworker who tried to attach the file. */
export const PDF_REFUSALS: Record<PdfRefusal, { code: string; message: string }> = {
  'not-pdf': {
    code: 'ATTACHMENT.NOT_PDF',
    message: 'Bare PDF-filer kan legges ved, og denne filen er ikke en hel PDF.',
  },
  'not-only-pdf': {
    code: 'ATTACHMENT.NOT_ONLY_PDF',
    message:
      'Filen inneholder HTML eller et program i tillegg til PDF-innholdet, og kan ikke legges ved. Lagre dokumentet som PDF på nytt og prøv igjen.',
  },
  unreadable: {
    code: 'ATTACHMENT.UNREADABLE_PDF',
    message: 'Filen kan ikke leses som PDF. Lagre dokumentet som PDF på nytt og prøv igjen.',
  },
  encrypted: {
    code: 'ATTACHMENT.ENCRYPTED_PDF',
    message: 'PDF-en er kryptert eller passordbeskyttet. Legg ved en utgave uten passord.',
  },
  'no-pages': {
    code: 'ATTACHMENT.EMPTY_PDF',
    message: 'PDF-en har ingen sider.',
  },
  'active-content': {
    code: 'ATTACHMENT.ACTIVE_CONTENT',
    message:
      'PDF-en inneholder aktivt innhold (JavaScript, innebygde filer, skjema som sender data eller start av programmer). Skriv den ut som en ny PDF uten slikt innhold og prøv igjen.',
  },
};
