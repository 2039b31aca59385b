import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { JsonObject } from '@overgang/core';
import { installedFieldCipher } from '@overgang/crypto';
import { splitFacts } from '../domain/history-facts';
import {
  ProcessingStopOrmEntity,
  ReferralClockOrmEntity,
  ReferralLinkOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from './referral.orm-entity';

export interface HistoryEntry {
  referralId: string;
  at: Date;
  actor: string;
  actorOrganisation: string | null;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  facts?: JsonObject;
}

/** Loads and stores referrals with their recipients; always inside the caller's transaction. */
@Injectable()
export class ReferralRepository {
  async load(manager: EntityManager, id: string, forUpdate = false) {
    const qb = manager.createQueryBuilder(ReferralOrmEntity, 'r').where('r.id = :id', { id });
    if (forUpdate) qb.setLock('pessimistic_write');
    const referral = await qb.getOne();
    if (!referral) return null;
    const recipients = await manager.find(ReferralRecipientOrmEntity, {
      where: { referralId: id },
      order: { unitId: 'ASC' },
    });
    const clocks = await manager.find(ReferralClockOrmEntity, { where: { referralId: id } });
    return { referral, recipients, clocks };
  }

  /** The referral alone, locked for the rest of the transaction. */
  lock(manager: EntityManager, id: string): Promise<ReferralOrmEntity | null> {
    return manager.findOne(ReferralOrmEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    manager: EntityManager,
    referral: Omit<
      ReferralOrmEntity,
      | 'version'
      | 'routingProblemCode'
      | 'routingProblem'
      | 'routingSequence'
      | 'routingAt'
      | 'personKey'
      | 'erasedAt'
    > & { personNationalId: string },
  ): Promise<void> {
    const personKey = installedFieldCipher().personKey(referral.personNationalId);
    await manager.insert(ReferralOrmEntity, manager.create(ReferralOrmEntity, { ...referral, personKey }));
  }

  /** Returns whether the referral exists. */
  async update(manager: EntityManager, id: string, changes: Partial<ReferralOrmEntity>): Promise<boolean> {
    const result = await manager.update(ReferralOrmEntity, { id }, changes);
    return !!result.affected;
  }

  /** Returns whether the referral has that recipient. */
  async updateRecipient(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    changes: Partial<ReferralRecipientOrmEntity>,
  ): Promise<boolean> {
    const result = await manager.update(ReferralRecipientOrmEntity, { referralId, unitId }, changes);
    return !!result.affected;
  }

  /** Open referrals of the same person and type, in the same municipality, from another sender. */
  otherSendersOpenReferrals(
    manager: EntityManager,
    like: { id: string; nationalId: string; type: string; municipalityNumber: string; sender: string },
    openStatuses: readonly string[],
  ): Promise<ReferralOrmEntity[]> {
    return manager
      .createQueryBuilder(ReferralOrmEntity, 'r')
      .where('r.person_key = :personKey AND r.type = :type AND r.id <> :id', {
        personKey: installedFieldCipher().personKey(like.nationalId),
        type: like.type,
        id: like.id,
      })
      .andWhere('r.municipality_number = :m', { m: like.municipalityNumber })
      .andWhere('r.sender_organisation <> :sender', { sender: like.sender })
      .andWhere('r.status IN (:...open)', { open: openStatuses })
      .getMany();
  }

  /** Links two referrals both ways. */
  async link(manager: EntityManager, a: string, b: string, reason: string, at: Date): Promise<void> {
    await manager.insert(ReferralLinkOrmEntity, [
      { referralId: a, linkedReferralId: b, reason, flaggedAt: at },
      { referralId: b, linkedReferralId: a, reason, flaggedAt: at },
    ]);
  }

  /** Referrals under a consent in one of these statuses, locked for the rest of the transaction. */
  lockUnderConsent(
    manager: EntityManager,
    consentId: string,
    statuses: readonly string[],
  ): Promise<ReferralOrmEntity[]> {
    return manager
      .createQueryBuilder(ReferralOrmEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.consent_id = :consentId AND r.status IN (:...open)', { consentId, open: statuses })
      .getMany();
  }

  /** Asks each organisation to confirm it stopped processing; a request already made stays as it was. */
  async requestProcessingStops(
    manager: EntityManager,
    referralId: string,
    organisationNumbers: string[],
    reasonCode: string,
    at: Date,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ProcessingStopOrmEntity)
      .values(
        organisationNumbers.map((org) => ({
          referralId,
          organisationNumber: org,
          reasonCode,
          requestedAt: at,
          confirmedAt: null,
          confirmedBy: null,
        })),
      )
      .orIgnore()
      .execute();
  }

  /** Returns false when the organisation had nothing left to confirm. */
  async confirmProcessingStopped(
    manager: EntityManager,
    referralId: string,
    organisationNumber: string,
    by: string,
    at: Date,
  ): Promise<boolean> {
    const result = await manager.update(
      ProcessingStopOrmEntity,
      { referralId, organisationNumber, confirmedAt: IsNull() },
      { confirmedAt: at, confirmedBy: by },
    );
    return !!result.affected;
  }

  /** Codes and ids stay in clear; free text is sealed apart from them. */
  async addHistory(manager: EntityManager, entry: HistoryEntry): Promise<void> {
    const { codes, personal } = splitFacts(entry.facts ?? {});
    await manager.query(
      `INSERT INTO referral_history (referral_id, at, actor, actor_organisation, action, from_status, to_status, facts, personal_facts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.referralId,
        entry.at,
        entry.actor,
        entry.actorOrganisation,
        entry.action,
        entry.fromStatus ?? null,
        entry.toStatus ?? null,
        JSON.stringify(codes),
        personal
          ? installedFieldCipher().sealText(JSON.stringify(personal), 'referral_history.personal_facts')
          : null,
      ],
    );
  }
}
