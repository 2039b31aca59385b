import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { REFERRAL_SUBMITTED_V1, ReferralSubmittedV1 } from '@overgang/contracts';
import { addCalendarDays, CLOCK, Clock, osloDate } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { NationalIdPolicy } from '../../../config/national-id-policy';
import { ConsentReader } from '../../../consent/application/read-consent/consent.reader';
import { consentRefusal } from '../../../consent/domain/consent';
import { PURPOSE_OF, periodsOverlap } from '../../domain/intake';
import { OPEN_STATUSES } from '../../domain/referral-state';
import { HousingSituationCounter } from '../housing-statistics/housing-situation.counter';
import { RecipientMapRepository } from '../../infrastructure/recipient-map.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { SubmitReferralCommand } from './submit-referral.command';

const DEFAULT_PERIOD_DAYS = 90;

/**
 * Accepts a referral of any type. Refused requests leave nothing behind: the directory, consent
 * and duplicate checks all run inside the transaction, before anything is written. A municipality
 * the directory does not know, or one missing a receiving unit or its NAV office, is no refusal:
 * the routing service parks what it cannot route with the hub's coordinators.
 */
@Injectable()
export class SubmitReferralHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly recipientMaps: RecipientMapRepository,
    private readonly consents: ConsentReader,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly nationalIds: NationalIdPolicy,
    private readonly housing: HousingSituationCounter,
  ) {}

  async execute(cmd: SubmitReferralCommand): Promise<{ id: string; possibleDuplicates: string[] }> {
    this.nationalIds.assertAccepted(cmd.nationalId);
    const now = this.clock.now();
    const today = osloDate(now);
    const purpose = PURPOSE_OF[cmd.type];

    return inTransaction(this.ds, async (manager) => {
      const recipients = await this.knownRecipients(manager, cmd);

      // Held: a withdrawal committing at the same moment waits for this referral, then suspends it.
      const consent = await this.consents.holdEffective(manager, cmd.consentId);
      const refusal = consentRefusal(consent, {
        personNationalId: cmd.nationalId,
        purpose,
        recipients,
        today,
        sender: cmd.sender.organisationNumber,
      });
      if (refusal) throw refusal;

      const id = randomUUID();
      await this.referrals.insert(manager, {
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
      });
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
      await this.housing.noticeSubmitted(manager, {
        referralId: id,
        referralType: cmd.type,
        municipalityNumber: cmd.municipalityNumber,
        anchorDate: cmd.anchorDate,
        situation: cmd.details.housingSituation,
      });
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
          consentedRecipientOrganisationNumbers: consent!.receivingOrganisations,
          anchorDate: cmd.anchorDate,
          receivingUnitKinds: cmd.receivingUnitKinds,
          submittedAt: now.toISOString(),
        },
      });
      return { id, possibleDuplicates };
    });
  }

  /**
   * The organisations the directory names for the parts it can route today: the consent must name
   * every one of them. A part it cannot route yet has no organisation to check; the routing service
   * routes it later only to an organisation the consent names (consentedRecipientOrganisationNumbers),
   * so the referral never reaches one the consent does not name.
   */
  private async knownRecipients(manager: EntityManager, cmd: SubmitReferralCommand): Promise<string[]> {
    const route = await this.recipientMaps.route(manager, cmd.type, cmd.municipalityNumber);
    const known = cmd.receivingUnitKinds.flatMap(
      (k) => route?.recipients.find((r) => r.unitKind === k)?.organisationNumber ?? [],
    );
    return [...new Set(known)];
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
    const candidates = await this.referrals.otherSendersOpenReferrals(
      manager,
      {
        id,
        nationalId: cmd.nationalId,
        type: cmd.type,
        municipalityNumber: cmd.municipalityNumber,
        sender: cmd.sender.organisationNumber,
      },
      OPEN_STATUSES,
    );
    const mine = { from: today, to: cmd.anchorDate ?? addCalendarDays(today, DEFAULT_PERIOD_DAYS) };
    const duplicates = candidates.filter((c) => {
      const from = osloDate(c.createdAt);
      return periodsOverlap(mine, { from, to: c.anchorDate ?? addCalendarDays(from, DEFAULT_PERIOD_DAYS) });
    });
    for (const other of duplicates) {
      await this.referrals.link(manager, id, other.id, 'possible-duplicate', now);
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
