import { DomainError } from '@overgang/core';
import { ACTIVE_STATUSES, ReferralStatus } from '../../domain/referral-state';
import { PDF_REFUSALS, PdfRefusal } from './pdf-check';

const STATUS_NAMES: Record<ReferralStatus, string> = {
  submitted: 'sendt',
  delivered: 'levert',
  acknowledged: 'bekreftet mottatt',
  answered: 'besvart',
  completed: 'fullført',
  rejected: 'avvist',
  withdrawn: 'trukket tilbake',
  suspended: 'stanset fordi samtykket ikke lenger gjelder',
  cancelled: 'avlyst',
};

/** Documents are added only while the referral is live: not once it is withdrawn, suspended or ended. */
export function attachmentsClosed(status: ReferralStatus): DomainError {
  return new DomainError(
    'ATTACHMENT.REFERRAL_NOT_ACTIVE',
    `Henvisningen er ${STATUS_NAMES[status]}, og da kan det ikke legges ved flere dokumenter. Vedlegg tas imot mens henvisningen er ${ACTIVE_STATUSES.map((s) => STATUS_NAMES[s]).join(', ')}.`,
    'conflict',
    { currentStatus: status, allowedStatuses: ACTIVE_STATUSES },
  );
}

export function notAcceptedFile(refusal: PdfRefusal): DomainError {
  const { code, message } = PDF_REFUSALS[refusal];
  return new DomainError(code, message, 'invalid', { field: 'file' });
}

export const fileMissing = () =>
  new DomainError('ATTACHMENT.MISSING', 'Send PDF-en som multipart/form-data i feltet «file».', 'invalid', {
    field: 'file',
  });

/**
 * The name kept for a document: the last part of what the browser sent (no folders), without
 * control characters, at most 200 characters, ending in .pdf so a saved copy opens as a PDF.
 */
export function storedFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    // With the u flag only a lone surrogate matches; an emoji's pair stays.
    .replace(/[\uD800-\uDFFF]/gu, '')
    .replace(/^[.\s]+/, '')
    .trim();
  const stem =
    Array.from(clean.replace(/\.pdf$/i, ''))
      .slice(0, 196)
      .join('') || 'vedlegg';
  return `${stem}.pdf`;
}
