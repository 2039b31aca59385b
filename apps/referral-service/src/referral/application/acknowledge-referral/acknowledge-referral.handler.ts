import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REFERRAL_ACKNOWLEDGED_V1, ReferralAcknowledgedV1, ReferralType } from '@overgang/contracts';
import { CLOCK, Clock, DomainError } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { mayRead, recipientFor } from '../../domain/access';
import {
  alreadyAcknowledged,
  notARecipient,
  notYetDelivered,
  referralNotFound,
} from '../../domain/referral.errors';
import { isWithheldFrom } from '../../domain/withholding';
import { ACKNOWLEDGEABLE, ReferralStatus, statusAfterAcknowledgement } from '../../domain/referral-state';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AcknowledgeReferralCommand } from './acknowledge-referral.command';

/** A recipient's contact person confirms they have the referral; their answer clock is met. */
@Injectable()
export class AcknowledgeReferralHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: AcknowledgeReferralCommand): Promise<{ status: ReferralStatus; unitId: string }> {
    const now = this.clock.now();
    return inTransaction(this.ds, async (manager) => {
      const loaded = await this.referrals.load(manager, cmd.referralId, true);
      if (!loaded || !mayRead(cmd.by, { ...loaded.referral, recipients: loaded.recipients })) {
        throw referralNotFound();
      }
      const { referral, recipients } = loaded;
      const mine = recipientFor(cmd.by, recipients);
      if (!mine) throw notARecipient();
      if (isWithheldFrom(mine.organisationNumber, referral.details)) {
        // Withdrawn for this recipient only (a partial withdrawal): it stops, it does not take the case.
        throw new DomainError(
          'REFERRAL.CONSENT_WITHDRAWN_FOR_RECIPIENT',
          'The person has withdrawn the consent for your organisation: you cannot acknowledge. Stop processing and confirm it.',
          'conflict',
          {
            currentStatus: referral.status,
            requestedStep: 'acknowledge',
            allowedNext: ['confirm-processing-stopped'],
          },
        );
      }
      if (referral.status === 'submitted') throw notYetDelivered(referral.status);
      if (!ACKNOWLEDGEABLE.includes(referral.status as ReferralStatus)) {
        throw new DomainError(
          'REFERRAL.ILLEGAL_TRANSITION',
          `A referral that is ${referral.status} cannot be acknowledged.`,
          'conflict',
          {
            currentStatus: referral.status,
            allowedNext: [],
          },
        );
      }
      if (mine.acknowledgedAt) throw alreadyAcknowledged(mine.unitId, mine.acknowledgedAt);

      const from = referral.status as ReferralStatus;
      mine.acknowledgedAt = now;
      mine.acknowledgedBy = cmd.by.userId;
      const to = statusAfterAcknowledgement(from, recipients);
      await this.referrals.updateRecipient(manager, referral.id, mine.unitId, {
        acknowledgedAt: now,
        acknowledgedBy: cmd.by.userId,
      });
      if (to !== from) await this.referrals.update(manager, referral.id, { status: to, updatedAt: now });
      await this.referrals.addHistory(manager, {
        referralId: referral.id,
        at: now,
        actor: cmd.by.userId,
        actorOrganisation: cmd.by.organisationNumber,
        action: 'acknowledged',
        fromStatus: from,
        toStatus: to,
        facts: { unitId: mine.unitId },
      });
      await this.outbox.write<ReferralAcknowledgedV1>(manager, {
        topic: REFERRAL_ACKNOWLEDGED_V1,
        key: referral.id,
        correlationId: cmd.correlationId,
        occurredAt: now,
        payload: {
          referralId: referral.id,
          referralType: referral.type as ReferralType,
          recipientOrganisationNumber: mine.organisationNumber,
          recipientUnitId: mine.unitId,
          acknowledgedByUserId: cmd.by.userId,
          acknowledgedAt: now.toISOString(),
        },
      });
      return { status: to, unitId: mine.unitId };
    });
  }
}
