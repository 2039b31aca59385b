import { storedFileName } from '../../application/attachments/attachment-refusals';
import { attachmentDisposition } from './attachment-download';

describe('attachmentDisposition', () => {
  it('is always a download with a .pdf name a quoted string cannot break out of', () => {
    expect(attachmentDisposition('vedtak.pdf')).toBe(
      `attachment; filename="vedtak.pdf"; filename*=UTF-8''vedtak.pdf`,
    );
    expect(attachmentDisposition('a"; filename=evil.html')).toBe(
      `attachment; filename="a__ filename_evil.html.pdf"; filename*=UTF-8''a%22%3B%20filename%3Devil.html.pdf`,
    );
    expect(attachmentDisposition('side.html')).toMatch(/filename="side\.html\.pdf"/);
  });

  it('keeps the Norwegian name in filename* and drops folders and control characters', () => {
    expect(attachmentDisposition('../../Søknad (bolig)\r\n.pdf')).toBe(
      `attachment; filename="S_knad _bolig_.pdf"; filename*=UTF-8''S%C3%B8knad%20%28bolig%29.pdf`,
    );
    expect(attachmentDisposition('')).toBe(
      `attachment; filename="vedlegg.pdf"; filename*=UTF-8''vedlegg.pdf`,
    );
  });
});

describe('storedFileName', () => {
  it('keeps an emoji whole, drops a lone surrogate, and cuts at 200 characters without splitting one', () => {
    expect(storedFileName('æøå 😀.pdf')).toBe('æøå 😀.pdf');
    expect(storedFileName('a\ud800b.pdf')).toBe('ab.pdf');
    const long = storedFileName(`${'😀'.repeat(300)}.pdf`);
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('😀.pdf')).toBe(true);
  });
});
