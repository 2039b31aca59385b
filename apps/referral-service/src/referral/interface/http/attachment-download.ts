import { storedFileName } from '../../application/attachments/attachment-refusals';

/** RFC 8187 value-chars: everything else percent-encoded, including what encodeURIComponent leaves. */
const encodeRfc8187 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Always a download, never shown in the hub's origin: `attachment`, an ASCII name a quoted string
 * cannot break out of, and the real name (æøå) in filename*. Names stored before they were
 * cleaned are cleaned here too.
 */
export function attachmentDisposition(fileName: string): string {
  const name = storedFileName(fileName);
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** The headers of a document's download, beside the global ones (nosniff, sandboxing CSP, no-store). */
export function attachmentHeaders(a: { fileName: string; sha256: string }): Record<string, string> {
  return {
    'content-type': 'application/pdf',
    'content-disposition': attachmentDisposition(a.fileName),
    'x-content-type-options': 'nosniff',
    'x-content-sha256': a.sha256,
  };
}
