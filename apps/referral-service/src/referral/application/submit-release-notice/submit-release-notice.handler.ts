import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REFERRAL_SUBMITTED_V1, ReferralSubmittedV1 } from '@overgang/contracts';
import { Clock, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { CLOCK } from '../../../clock.provider';
import { consentRefusal } from '../../../consent/domain/consent';
import { ConsentOrmEntity } from '../../../consent/infrastructure/consent.orm-entity';
import { municipalityNotServed, releaseDateInPast } from '../../domain/referral.errors';
import { RecipientMapOrmEntity, ReferralOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { SubmitReleaseNoticeCommand } from './submit-release-notice.command';

const TYPE = 'release-notice';
const PURPOSE = 'release-housing';

/**
 * A prison social consultant tells the municipality the person will live in, and its NAV office,
 * that a release is coming. Refused requests leave nothing behind: validation, consent and
 * directory checks all run inside the transaction, before anything is written.
 */
@Injectable()
export class SubmitReleaseNoticeHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: SubmitReleaseNoticeCommand): Promise<string> {
    const now = this.clock.now();
    const today = osloDate(now);
    if (cmd.expectedReleaseDate < today) throw releaseDateInPast();

    return inTransaction(this.ds, async (manager, afterCommit) => {
      const route = await manager.findOneBy(RecipientMapOrmEntity, {
        referralType: TYPE,
        municipalityNumber: cmd.municipalityNumber,
      });
      if (!route || route.recipients.length === 0) throw municipalityNotServed(cmd.municipalityNumber, TYPE);
      const recipients = [...new Set(route.recipients.map((r) => r.organisationNumber))];

      // FOR SHARE: a withdrawal committing at the same moment waits for this referral, then suspends it.
      const consent = await manager
        .createQueryBuilder(ConsentOrmEntity, 'c')
        .setLock('pessimistic_read')
        .where('c.id = :id', { id: cmd.consentId })
        .getOne();
      const refusal = consentRefusal(
        consent && { ...consent, status: consent.status as 'active' | 'withdrawn' },
        { personNationalId: cmd.nationalId, purpose: PURPOSE, recipients, today },
      );
      if (refusal) throw refusal;

      const id = randomUUID();
      await manager.insert(
        ReferralOrmEntity,
        manager.create(ReferralOrmEntity, {
          id,
          type: TYPE,
          status: 'submitted',
          personNationalId: cmd.nationalId,
          personName: cmd.name,
          senderOrganisation: cmd.sender.organisationNumber,
          senderUnit: cmd.sender.unitId,
          senderUser: cmd.sender.userId,
          municipalityNumber: cmd.municipalityNumber,
          consentId: cmd.consentId,
          anchorDate: cmd.expectedReleaseDate,
          details: {
            expectedReleaseDate: cmd.expectedReleaseDate,
            housingSituation: cmd.housingSituation,
            followUpNeeds: cmd.followUpNeeds,
            knownFollowUpService: cmd.knownFollowUpService ?? null,
          },
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.referrals.addHistory(manager, {
        referralId: id,
        at: now,
        actor: cmd.sender.userId,
        actorOrganisation: cmd.sender.organisationNumber,
        action: 'submitted',
        fromStatus: null,
        toStatus: 'submitted',
        facts: { municipalityNumber: cmd.municipalityNumber, consentId: cmd.consentId },
      });
      await this.outbox.write<ReferralSubmittedV1>(manager, {
        topic: REFERRAL_SUBMITTED_V1,
        key: id,
        correlationId: cmd.correlationId,
        occurredAt: now,
        payload: {
          referralId: id,
          referralType: TYPE,
          senderOrganisationNumber: cmd.sender.organisationNumber,
          senderUnitId: cmd.sender.unitId,
          municipalityNumber: cmd.municipalityNumber,
          consentId: cmd.consentId,
          consentedRecipientOrganisationNumbers: consent!.receivingOrganisations,
          anchorDate: cmd.expectedReleaseDate,
          submittedAt: now.toISOString(),
        },
      });
      afterCommit(() => this.relay.kick());
      return id;
    });
  }
}
