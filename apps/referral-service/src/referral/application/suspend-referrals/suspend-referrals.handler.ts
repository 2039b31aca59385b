import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REFERRAL_PROGRESSED_V1, ReferralProgressedV1, ReferralType } from '@overgang/contracts';
import { OutboxWriter } from '@overgang/messaging';
import { withdrawnRecipients, Withdrawal } from '../../../consent/domain/consent';
import { ReferralDetails } from '../../domain/referral-details';
import { ACTIVE_STATUSES, ReferralStatus, transition } from '../../domain/referral-state';
import type { ReferralOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { writeWithholdEvents } from './withhold-events';

/**
 * When consent goes (withdrawn or expired), every open referral relying on it is suspended at
 * once: recipients can no longer read personal details, its clocks stop, and each recipient
 * organisation must confirm that it has stopped processing. A withdrawal for some recipients only
 * takes the referral from them alone: it stays open for the others.
 */
@Injectable()
export class SuspendReferralsHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async forConsent(
    manager: EntityManager,
    consentId: string,
    scope: Withdrawal,
    reasonCode: 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED',
    actor: { userId: string; organisationNumber: string },
    now: Date,
    correlationId: string,
  ): Promise<string[]> {
    const open = await this.referrals.lockUnderConsent(manager, consentId, ACTIVE_STATUSES);
    const affected: ReferralOrmEntity[] = [];
    for (const r of open) {
      const from = withdrawnRecipients(scope, r);
      if (from === 'all') affected.push(r);
      else if (from.length > 0)
        await this.withholdFrom(manager, r, from, consentId, actor, now, correlationId);
    }
    for (const r of affected) {
      const from = r.status as ReferralStatus;
      const to = transition(from, 'suspended');
      const details: ReferralDetails = { ...r.details, suspensionReason: reasonCode };
      if (r.type === 'benefit-deduction' && details.deductionStatus !== 'rejected') {
        details.deductionStatus = 'stopped';
        details.stopReason = 'consent-withdrawn';
      }
      await this.referrals.update(manager, r.id, { status: to, details, updatedAt: now });
      await this.referrals.requestProcessingStops(manager, r.id, r.recipientOrganisations, reasonCode, now);
      await this.referrals.addHistory(manager, {
        referralId: r.id,
        at: now,
        actor: actor.userId,
        actorOrganisation: actor.organisationNumber,
        action: 'suspended',
        fromStatus: from,
        toStatus: to,
        facts: { reasonCode, consentId },
      });
      await this.outbox.write<ReferralProgressedV1>(manager, {
        topic: REFERRAL_PROGRESSED_V1,
        key: r.id,
        correlationId,
        occurredAt: now,
        payload: {
          referralId: r.id,
          referralType: r.type as ReferralType,
          action: 'suspend',
          fromStatus: from,
          toStatus: to,
          actorOrganisationNumber: actor.organisationNumber,
          recipientUnitId: null,
          code: reasonCode,
          at: now.toISOString(),
        },
      });
    }
    return affected.map((r) => r.id);
  }

  /**
   * The referral stays as it is for the other recipients; these read nothing more and stop, and
   * each of their units' clocks is paused (one withhold event per unit, in this transaction).
   */
  private async withholdFrom(
    manager: EntityManager,
    r: ReferralOrmEntity,
    organisationNumbers: string[],
    consentId: string,
    actor: { userId: string; organisationNumber: string },
    now: Date,
    correlationId: string,
  ): Promise<void> {
    const before = Array.isArray(r.details.withheldFrom) ? r.details.withheldFrom : [];
    const added = organisationNumbers.filter((o) => !before.includes(o));
    if (added.length === 0) return;
    const details: ReferralDetails = { ...r.details, withheldFrom: [...before, ...added] };
    await this.referrals.update(manager, r.id, { details, updatedAt: now });
    await this.referrals.requestProcessingStops(manager, r.id, added, 'CONSENT_WITHDRAWN', now);
    await this.referrals.addHistory(manager, {
      referralId: r.id,
      at: now,
      actor: actor.userId,
      actorOrganisation: actor.organisationNumber,
      action: 'withheld-from-recipients',
      fromStatus: r.status,
      toStatus: r.status,
      facts: { reasonCode: 'CONSENT_WITHDRAWN', consentId, organisationNumbers: added },
    });
    const recipients = (await this.referrals.load(manager, r.id))?.recipients ?? [];
    await writeWithholdEvents(
      this.outbox,
      manager,
      r,
      recipients.filter((x) => added.includes(x.organisationNumber)).map((x) => x.unitId),
      { organisationNumber: actor.organisationNumber, correlationId },
      now,
    );
  }
}
