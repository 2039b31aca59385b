import { osloDate } from '@overgang/core';
import { addWorkingDays, nextWorkingDay } from '@overgang/norway';

/**
 * A parked part is the hub's to fix within one working day: the person may be released or
 * discharged any day, and the receiving service cannot start before it has the referral.
 */
export const PARKED_DUE_WORKING_DAYS = 1;

export interface ParkedAge {
  /** The Oslo day it was parked (YYYY-MM-DD). */
  parkedOn: string;
  /** Working days since it was parked (0 on the day itself; weekends and public holidays do not count). */
  ageWorkingDays: number;
  /** The last day the hub's coordinators should have fixed it by. */
  dueOn: string;
  overdue: boolean;
}

/** How long a part has waited and when it is due, in Oslo working days. */
export function parkedAge(parkedAt: Date, now: Date): ParkedAge {
  const parkedOn = osloDate(parkedAt);
  const today = osloDate(now);
  let ageWorkingDays = 0;
  for (let d = nextWorkingDay(parkedOn); d <= today; d = nextWorkingDay(d)) ageWorkingDays++;
  const dueOn = addWorkingDays(parkedOn, PARKED_DUE_WORKING_DAYS);
  return { parkedOn, ageWorkingDays, dueOn, overdue: today > dueOn };
}

/** What fixes a parked part, by its reason: an action code and one line for the hub's coordinators. */
export interface ParkedFix {
  action: string;
  text: string;
}

const FIXES: Record<string, ParkedFix> = {
  'ROUTING.UNKNOWN_MUNICIPALITY': {
    action: 'add-municipality',
    text: 'Add the municipality to the directory (POST /api/v1/directory/organisations) with a unit that receives this type.',
  },
  'ROUTING.NO_NAV_OFFICE': {
    action: 'set-nav-coverage',
    text: 'Register the NAV office serving the municipality (PUT /api/v1/directory/nav-coverage/{kommunenummer}).',
  },
  'ROUTING.NO_UNIT': {
    action: 'add-unit',
    text: 'Add a unit of this kind that receives the type, or let an existing unit receive it (PATCH /api/v1/directory/units/{id}).',
  },
  'ROUTING.NO_CONTACTS_CONFIGURED': {
    action: 'add-contact-person',
    text: 'Add an active contact person for the type in the unit (POST /api/v1/directory/contact-persons).',
  },
  'ROUTING.CONSENT_DOES_NOT_COVER': {
    action: 'new-consent',
    text: 'The consent does not name the organisation the directory routes to: the sender submits again under a consent that names it.',
  },
};

export function fixFor(reasonCode: string | null): ParkedFix {
  return (
    (reasonCode && FIXES[reasonCode]) || {
      action: 'review-directory',
      text: 'Review the directory entries for the municipality and the unit kind.',
    }
  );
}

/** What the queue sorts by: the overdue first, then the soonest release or discharge, then the oldest. */
export interface Urgency {
  overdue: boolean;
  anchorDate: string | null;
  parkedAt: Date;
}

export function byUrgency(a: Urgency, b: Urgency): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.anchorDate !== b.anchorDate) {
    if (a.anchorDate === null) return 1;
    if (b.anchorDate === null) return -1;
    return a.anchorDate < b.anchorDate ? -1 : 1;
  }
  return a.parkedAt.getTime() - b.parkedAt.getTime();
}
