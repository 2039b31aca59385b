import type {
  AttachmentOrmEntity,
  ProcessingStopOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  ReferralRecipientOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import { NON_PERSONAL_FACTS } from '../../domain/history-facts';

const URGENCY: Record<string, number> = { breached: 0, open: 1, paused: 2, met: 3, cancelled: 4 };

export function clockView(c: ReferralClockOrmEntity) {
  return { clockId: c.clockId, kind: c.kind, status: c.status, dueAt: c.dueAt.toISOString() };
}

/** The unit's most pressing clock: breached first, then the soonest due. */
export function deadlineOf(clocks: ReferralClockOrmEntity[], unitId: string) {
  const mine = clocks
    .filter((k) => k.unitId === unitId)
    .sort(
      (a, b) => (URGENCY[a.status] ?? 9) - (URGENCY[b.status] ?? 9) || a.dueAt.getTime() - b.dueAt.getTime(),
    );
  return mine.length ? clockView(mine[0]) : null;
}

export function recipientView(r: ReferralRecipientOrmEntity, clocks: ReferralClockOrmEntity[]) {
  return {
    organisationNumber: r.organisationNumber,
    unitId: r.unitId,
    unitKind: r.unitKind,
    holder: {
      contactPersonId: r.contactPersonId,
      coHolderContactPersonId: r.coHolderContactPersonId,
      assignment: r.assignment,
      reasonCode: r.reasonCode,
      reason: r.reason,
    },
    routedAt: r.routedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    deadline: deadlineOf(clocks, r.unitId),
    deadlines: clocks.filter((k) => k.unitId === r.unitId).map(clockView),
  };
}

export function suspensionView(status: string, stops: ProcessingStopOrmEntity[]) {
  if (status !== 'suspended' && stops.length === 0) return null;
  return {
    reasonCode: stops[0]?.reasonCode ?? null,
    since: stops[0]?.requestedAt.toISOString() ?? null,
    confirmations: stops.map((s) => ({
      organisationNumber: s.organisationNumber,
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      confirmedBy: s.confirmedBy,
    })),
    notConfirmed: stops.filter((s) => !s.confirmedAt).map((s) => s.organisationNumber),
  };
}

export function attachmentView(a: AttachmentOrmEntity) {
  return {
    id: a.id,
    fileName: a.fileName,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedByOrganisation: a.uploadedByOrganisation,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

export function historyView(h: ReferralHistoryOrmEntity, withheld: boolean) {
  return {
    at: h.at.toISOString(),
    actor: h.actor,
    actorOrganisation: h.actorOrganisation,
    action: h.action,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    facts: withheld
      ? Object.fromEntries(Object.entries(h.facts).filter(([k]) => NON_PERSONAL_FACTS.includes(k)))
      : h.facts,
  };
}

/**
 * What each recipient answered that the sender must see beside the status: its latest NAV outcome
 * and its rejection. Codes and dates for every reader; the free text only where personal data is shown.
 */
export function recipientAnswers(history: ReferralHistoryOrmEntity[], unitId: string, withheld: boolean) {
  const latest = (action: string) =>
    history.filter((h) => h.action === action && h.facts.unitId === unitId).at(-1);
  const text = (h: ReferralHistoryOrmEntity, key: string) =>
    withheld ? null : ((h.facts[key] as string | null | undefined) ?? null);
  const nav = latest('record-nav-outcome');
  const rejected = latest('reject');
  return {
    navOutcome: nav ? { code: nav.facts.code, at: nav.at.toISOString(), note: text(nav, 'note') } : null,
    rejection: rejected
      ? { code: rejected.facts.code, at: rejected.at.toISOString(), reason: text(rejected, 'reason') }
      : null,
  };
}
