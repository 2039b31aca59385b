import { DomainError } from '@overgang/core';
import { StepAppliers } from '../step-effect';

/** A discharge notice's steps: the planned date, and how the stay ended. */
export const DISCHARGE_STEPS: StepAppliers<
  'set-discharge-date' | 'mark-discharged' | 'mark-readmitted' | 'mark-left-early'
> = {
  'set-discharge-date': ({ details, referral }, input) => {
    const date = input.plannedDischargeDate;
    if (typeof details.admissionDate === 'string' && date < details.admissionDate) {
      throw new DomainError(
        'REFERRAL.INVALID_DATES',
        'The planned discharge date must be on or after the admission date.',
        'invalid',
        { field: 'plannedDischargeDate' },
      );
    }
    const reasonCode =
      referral.anchorDate === null ? 'set' : date < referral.anchorDate ? 'brought-forward' : 'postponed';
    details.plannedDischargeDate = date;
    return {
      details,
      anchor: { kind: 'planned-discharge', to: date, reasonCode },
      code: reasonCode,
      facts: { from: referral.anchorDate, to: date, note: input.note ?? null },
    };
  },
  'mark-discharged': ({ details, today }, input) => {
    const date = input.dischargedOn ?? today;
    const admitted = typeof details.admissionDate === 'string' ? details.admissionDate : null;
    if (date > today || (admitted !== null && date < admitted)) {
      throw new DomainError(
        'REFERRAL.INVALID_DATES',
        'The discharge date must be on or after the admission date, and not in the future.',
        'invalid',
        { field: 'dischargedOn' },
      );
    }
    details.dischargedOn = date;
    return { details, code: 'discharged', facts: { date } };
  },
  'mark-readmitted': ({ details, today }, input) => {
    details.admissionDate = input.admissionDate;
    details.readmittedOn = today;
    return { details, code: 'readmitted' };
  },
  'mark-left-early': ({ details, today }, input) => {
    details.leftEarlyOn = today;
    return {
      details,
      anchor: { kind: 'planned-discharge', to: today, reasonCode: 'left-early' },
      code: 'left-early',
      facts: { date: today, note: input.note ?? null },
    };
  },
};
