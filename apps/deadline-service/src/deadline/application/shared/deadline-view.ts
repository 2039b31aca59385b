import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A clock as its parties see it: who holds it and when it is due. */
export interface DeadlineView {
  id: string;
  referralId: string;
  referralType: string;
  kind: string;
  /** 1 for the routing's clock; a step opens round 2, 3, ... of its policy. */
  round: number;
  /** The step that opened it, as a code (LEFT_EARLY, DEDUCTION_CHANGE_REQUESTED, READMITTED); null: the routing. */
  openedReason: string | null;
  policy: string;
  catalogueVersion: number;
  recipientOrganisationNumber: string;
  recipientUnitId: string;
  holderContactPersonId: string | null;
  status: string;
  startedAt: string;
  dueAt: string;
  anchorDate: string | null;
  metAt: string | null;
  breachedAt: string | null;
  pausedAt: string | null;
  stopReason: string | null;
  /** Working days of notice the clock was given before its date; null unless counted back from one. */
  noticeGivenDays: number | null;
  /** The policy's lead time; null unless counted back from a date. */
  leadTimeDays: number | null;
  /** Less notice than the lead time: a breach counts against the notice, not the recipient. */
  shortNotice: boolean;
  /** Met after the due time: a late answer. */
  metLate: boolean;
}

export function deadlineView(c: ClockOrmEntity): DeadlineView {
  return {
    id: c.id,
    referralId: c.referralId,
    referralType: c.referralType,
    kind: c.kind,
    round: c.round,
    openedReason: c.openedReason,
    policy: c.policy,
    catalogueVersion: c.catalogueVersion,
    recipientOrganisationNumber: c.recipientOrganisationNumber,
    recipientUnitId: c.recipientUnitId,
    holderContactPersonId: c.holderContactPersonId,
    status: c.status,
    startedAt: c.startedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    anchorDate: c.anchorDate,
    metAt: iso(c.metAt),
    breachedAt: iso(c.breachedAt),
    pausedAt: iso(c.pausedAt),
    stopReason: c.pausedReason,
    noticeGivenDays: c.noticeGivenDays,
    leadTimeDays: c.leadTimeDays,
    shortNotice: c.shortNotice,
    metLate: c.metLate,
  };
}
