/**
 * What kind of refusal a domain error is. The HTTP layer maps each kind to a status once
 * (problem+json), and the consumer base maps it to retry or dead-letter; domain code never
 * knows about either.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'forbidden' | 'conflict' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. REFERRAL.CONSENT_MISSING. */
    readonly code: string,
    /** Plain-language message a caseworker can act on. Never contains personal data. */
    message: string,
    readonly kind: DomainErrorKind,
    /** Extra non-personal facts for the client (current state, allowed steps, field). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 'not-found', details);
  }
}
