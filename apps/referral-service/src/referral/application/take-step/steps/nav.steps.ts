import { DomainError } from '@overgang/core';
import { StepAppliers } from '../step-effect';

/** NAV's social services say what they did for the person; the sender sees it on the referral. */
export const NAV_STEPS: StepAppliers<'record-nav-outcome'> = {
  'record-nav-outcome': (_ctx, input) => {
    if (input.outcome === 'other' && !input.note) {
      throw new DomainError(
        'REFERRAL.NOTE_REQUIRED',
        'Say what was done when the outcome is other.',
        'invalid',
        {
          field: 'note',
        },
      );
    }
    // The code is published; the note may be personal and stays in the history.
    return { code: input.outcome, facts: { note: input.note ?? null } };
  },
};
