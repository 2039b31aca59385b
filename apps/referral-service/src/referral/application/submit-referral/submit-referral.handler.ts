import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { REFERRAL_SUBMITTED_V1, ReferralSubmittedV1 } from '@overgang/contracts';
import { addCalendarDays, CLOCK, Clock, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { consentRefusal, effectiveConsent } from '../../../consent/domain/consent';
import { ConsentOrmEntity } from '../../../consent/infrastructure/consent.orm-entity';
import { PURPOSE_OF, periodsOverlap } from '../../domain/intake';
import { municipalityNotServed } from '../../domain/referral.errors';
import { OPEN_STATUSES } from '../../domain/referral-state';
import {
  RecipientMapOrmEntity,
  ReferralLinkOrmEntity,
  ReferralOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { SubmitReferralCommand } from './submit-referral.command';

const DEFAULT_PERIOD_DAYS = 90;

/**
 * Accepts a referral of any type. Refused requests leave nothing behind: the directory, consent
 * and duplicate checks all run inside the transaction, before anything is written.
 */
@Injectable()
export class SubmitReferralHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: SubmitReferralCommand): Promise<{ id: string; possibleDuplicates: string[] }> {
    const now = this.clock.now();
    const today = osloDate(now);
    const purpose = PURPOSE_OF[cmd.type];

    return inTransaction(this.ds, async (manager, afterCommit) => {
      const route = await manager.findOneBy(RecipientMapOrmEntity, {
        referralType: cmd.type,
        municipalityNumber: cmd.municipalityNumber,
      });
      const missing = cmd.receivingUnitKinds.filter((k) => !route?.recipients.some((r) => r.unitKind === k));
      if (!route || missing.length > 0)
        throw municipalityNotServed(cmd.municipalityNumber, cmd.type, missing);
      const recipients = [
        ...new Set(
          cmd.receivingUnitKinds.map(
            (k) => route.recipients.find((r) => r.unitKind === k)!.organisationNumber,
          ),
        ),
      ];

      // FOR SHARE: a withdrawal committing at the same moment waits for this referral, then suspends it.
      const consent = await manager
        .createQueryBuilder(ConsentOrmEntity, 'c')
        .setLock('pessimistic_read')
        .where('c.id = :id', { id: cmd.consentId })
        .getOne();
      const refusal = consentRefusal(consent && effectiveConsent(consent), {
        personNationalId: cmd.nationalId,
        purpose,
        recipients,
        today,
        sender: cmd.sender.organisationNumber,
      });
      if (refusal) throw refusal;

      const id = randomUUID();
      await manager.insert(
        ReferralOrmEntity,
        manager.create(ReferralOrmEntity, {
          id,
          type: cmd.type,
          status: 'submitted',
          personNationalId: cmd.nationalId,
          personName: cmd.name,
          senderOrganisation: cmd.sender.organisationNumber,
          senderUnit: cmd.sender.unitId,
          senderUser: cmd.sender.userId,
          municipalityNumber: cmd.municipalityNumber,
          consentId: cmd.consentId,
          purpose,
          recipientOrganisations: recipients,
          anchorDate: cmd.anchorDate,
          details: cmd.details,
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
        toStatus: 'submitted',
        facts: { municipalityNumber: cmd.municipalityNumber, consentId: cmd.consentId },
      });
      const possibleDuplicates = await this.flagDuplicates(manager, id, cmd, today, now);
      await this.outbox.write<ReferralSubmittedV1>(manager, {
        topic: REFERRAL_SUBMITTED_V1,
        key: id,
        correlationId: cmd.correlationId,
        occurredAt: now,
        payload: {
          referralId: id,
          referralType: cmd.type,
          senderOrganisationNumber: cmd.sender.organisationNumber,
          senderUnitId: cmd.sender.unitId,
          municipalityNumber: cmd.municipalityNumber,
          consentId: cmd.consentId,
          consentedRecipientOrganisationNumbers: effectiveConsent(consent!).receivingOrganisations,
          anchorDate: cmd.anchorDate,
          receivingUnitKinds: cmd.receivingUnitKinds,
          submittedAt: now.toISOString(),
        },
      });
      afterCommit(() => this.relay.kick());
      return { id, possibleDuplicates };
    });
  }

  /**
   * The same person, the same type and an overlapping period from another sender (a prison and
   * NAV both notify the municipality): linked and shown to the recipient, never merged, never
   * silently doubled.
   */
  private async flagDuplicates(
    manager: EntityManager,
    id: string,
    cmd: SubmitReferralCommand,
    today: string,
    now: Date,
  ): Promise<string[]> {
    const candidates = await manager
      .createQueryBuilder(ReferralOrmEntity, 'r')
      .where('r.person_national_id = :nid AND r.type = :type AND r.id <> :id', {
        nid: cmd.nationalId,
        type: cmd.type,
        id,
      })
      .andWhere('r.municipality_number = :m', { m: cmd.municipalityNumber })
      .andWhere('r.sender_organisation <> :sender', { sender: cmd.sender.organisationNumber })
      .andWhere('r.status IN (:...open)', { open: OPEN_STATUSES })
      .getMany();
    const mine = { from: today, to: cmd.anchorDate ?? addCalendarDays(today, DEFAULT_PERIOD_DAYS) };
    const duplicates = candidates.filter((c) => {
      const from = osloDate(c.createdAt);
      return periodsOverlap(mine, { from, to: c.anchorDate ?? addCalendarDays(from, DEFAULT_PERIOD_DAYS) });
    });
    for (const other of duplicates) {
      await manager.insert(ReferralLinkOrmEntity, [
        { referralId: id, linkedReferralId: other.id, reason: 'possible-duplicate', flaggedAt: now },
        { referralId: other.id, linkedReferralId: id, reason: 'possible-duplicate', flaggedAt: now },
      ]);
      for (const [a, b] of [
        [id, other.id],
        [other.id, id],
      ]) {
        await this.referrals.addHistory(manager, {
          referralId: a,
          at: now,
          actor: 'referral-service',
          actorOrganisation: null,
          action: 'possible-duplicate-flagged',
          facts: { linkedReferralId: b },
        });
      }
    }
    return duplicates.map((d) => d.id);
  }
}
