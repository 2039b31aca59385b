import { DomainError } from '@overgang/core';
import { reopenedStatus, stayOf } from '../../../domain/step-preconditions';
import { StepAppliers } from '../step-effect';

const invalidDate = (field: string, message: string) =>
  new DomainError('REFERRAL.INVALID_DATES', message, 'invalid', { field });

/** A discharge notice's steps: the planned date, and how the stay ended (or began again). */
export const DISCHARGE_STEPS: StepAppliers<
  'set-discharge-date' | 'mark-discharged' | 'mark-readmitted' | 'mark-left-early'
> = {
  'set-discharge-date': ({ details, referral }, input) => {
    const date = input.plannedDischargeDate;
    if (typeof details.admissionDate === 'string' && date < details.admissionDate) {
      throw invalidDate(
        'plannedDischargeDate',
        'The planned discharge date must be on or after the admission date.',
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
  'mark-discharged': ({ details, today, referral }, input) => {
    const date = input.dischargedOn ?? today;
    const admitted = typeof details.admissionDate === 'string' ? details.admissionDate : null;
    if (date > today || (admitted !== null && date < admitted)) {
      throw invalidDate(
        'dischargedOn',
        'The discharge date must be on or after the admission date, and not in the future.',
      );
    }
    details.dischargedOn = date;
    // A readmission reopens the referral in this status.
    details.statusAtDischarge = referral.status;
    return { details, code: 'discharged', facts: { date } };
  },
  'mark-readmitted': async ({ details, today, recipients, referral, store }, input) => {
    const stay = stayOf(details);
    // The precondition refused a readmission while admitted: one of the two dates is there.
    const ended = (stay === 'discharged' ? details.dischargedOn : details.leftEarlyOn) as string;
    if (input.admissionDate < ended) {
      throw invalidDate(
        'admissionDate',
        `The new admission date must be on or after the day the patient left (${ended}).`,
      );
    }
    // Discharged means completed: the readmission reopens it. After an early leave it stayed open.
    const status = stay === 'discharged' ? reopenedStatus(details, recipients) : undefined;
    // A completed referral is not suspended when its consent goes: it reopens only under one that holds.
    const consent = status ? await store.consentRefusal() : null;
    if (consent) {
      throw new DomainError(consent.code, `The referral cannot reopen: ${consent.message}`, 'conflict');
    }
    delete details.dischargedOn;
    delete details.leftEarlyOn;
    delete details.statusAtDischarge;
    details.admissionDate = input.admissionDate;
    details.readmittedOn = today;
    return {
      details,
      status,
      code: 'readmitted',
      facts: {
        reasonCode: stay === 'discharged' ? 'after-discharge' : 'after-left-early',
        ...(status ? { reopenedFrom: referral.status } : {}),
        admissionDate: input.admissionDate,
        stayEndedOn: ended,
      },
    };
  },
  'mark-left-early': ({ details, today }, input) => {
    const date = input.leftOn ?? today;
    const admitted = typeof details.admissionDate === 'string' ? details.admissionDate : null;
    if (date > today || (admitted !== null && date < admitted)) {
      throw invalidDate(
        'leftOn',
        'The day the patient left must be on or after the admission date, and not in the future.',
      );
    }
    details.leftEarlyOn = date;
    return {
      details,
      anchor: { kind: 'planned-discharge', to: date, reasonCode: 'left-early' },
      code: 'left-early',
      facts: { date, note: input.note ?? null },
    };
  },
};
