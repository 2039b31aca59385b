import { DomainError } from '@overgang/core';
import { StepAppliers } from '../step-effect';

/** A release notice's steps; the housing outcome is a discharge notice's too. */
export const RELEASE_STEPS: StepAppliers<'change-release-date' | 'report-housing-outcome' | 'mark-released'> =
  {
    'change-release-date': ({ details, referral, today }, input) => {
      const date = input.expectedReleaseDate;
      if (date < today) {
        throw new DomainError(
          'REFERRAL.INVALID_DATES',
          'The new release date has already passed.',
          'invalid',
          {
            field: 'expectedReleaseDate',
          },
        );
      }
      details.expectedReleaseDate = date;
      const reasonCode = input.reasonCode;
      return {
        details,
        anchor: { kind: 'expected-release', to: date, reasonCode },
        code: reasonCode,
        facts: { from: referral.anchorDate, to: date, note: input.note ?? null },
      };
    },
    'report-housing-outcome': ({ details }, input) => {
      const outcome = input.outcome;
      if (outcome === 'no-housing' && !input.reason) {
        throw new DomainError('REFERRAL.REASON_REQUIRED', 'Say why no housing could be offered.', 'invalid', {
          field: 'reason',
        });
      }
      details.housingOutcome = outcome;
      return {
        details,
        code: outcome,
        facts: { outcome, reason: input.reason ?? null, date: input.date ?? null },
      };
    },
    'mark-released': ({ details, today }, input) => {
      const date = input.releasedOn ?? today;
      if (date > today) {
        throw new DomainError('REFERRAL.INVALID_DATES', 'The release date is in the future.', 'invalid', {
          field: 'releasedOn',
        });
      }
      details.releasedOn = date;
      return { details, code: 'released', facts: { date } };
    },
  };
