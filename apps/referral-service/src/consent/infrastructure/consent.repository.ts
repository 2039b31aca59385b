import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { installedFieldCipher } from '@overgang/crypto';
import { ConsentChangeOrmEntity, ConsentOrmEntity } from './consent.orm-entity';

/** One referral's sender and recipients, as the referral domain's access rules take them. */
export interface ReferralPartiesRow {
  senderOrganisation: string;
  senderUnit: string | null;
  senderUser: string;
  recipients: {
    organisationNumber: string;
    unitId: string;
    contactPersonId: string | null;
    coHolderContactPersonId: string | null;
  }[];
}

/** The consent ledger's tables; always on the caller's manager. */
@Injectable()
export class ConsentRepository {
  async insert(
    manager: EntityManager,
    consent: Omit<ConsentOrmEntity, 'personKey' | 'erasedAt'> & { personNationalId: string },
  ): Promise<void> {
    const personKey = installedFieldCipher().personKey(consent.personNationalId);
    await manager.insert(ConsentOrmEntity, { ...consent, personKey, erasedAt: null });
  }

  find(manager: EntityManager, id: string): Promise<ConsentOrmEntity | null> {
    return manager.findOneBy(ConsentOrmEntity, { id });
  }

  /**
   * Who sent and who received each referral made under the consent: the parties the consent's
   * readers are checked against. Only ids, never the sealed columns.
   */
  async partiesOfReferrals(manager: EntityManager, consentId: string): Promise<ReferralPartiesRow[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        sender_organisation: string;
        sender_unit: string | null;
        sender_user: string;
        recipients: ReferralPartiesRow['recipients'] | null;
      }>
    >(
      `SELECT r.id, r.sender_organisation, r.sender_unit, r.sender_user,
              (SELECT json_agg(json_build_object(
                        'organisationNumber', x.organisation_number,
                        'unitId', x.unit_id,
                        'contactPersonId', x.contact_person_id,
                        'coHolderContactPersonId', x.co_holder_contact_person_id))
                 FROM referral.referral_recipient x WHERE x.referral_id = r.id) AS recipients
         FROM referral.referral r
        WHERE r.consent_id = $1`,
      [consentId],
    );
    return rows.map((r) => ({
      senderOrganisation: r.sender_organisation,
      senderUnit: r.sender_unit,
      senderUser: r.sender_user,
      recipients: r.recipients ?? [],
    }));
  }

  /** Locked against change until the transaction ends (a withdrawal). */
  lock(manager: EntityManager, id: string): Promise<ConsentOrmEntity | null> {
    return manager.findOne(ConsentOrmEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** FOR SHARE: a withdrawal committing at the same moment waits until this transaction ends. */
  holdForShare(manager: EntityManager, id: string): Promise<ConsentOrmEntity | null> {
    return manager
      .createQueryBuilder(ConsentOrmEntity, 'c')
      .setLock('pessimistic_read')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Active consents whose last valid day is before `today`, locked; those locked elsewhere skipped. */
  lockDueForExpiry(manager: EntityManager, today: string, limit: number): Promise<ConsentOrmEntity[]> {
    return manager
      .createQueryBuilder(ConsentOrmEntity, 'c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`c.status = 'active' AND c.valid_to < :today`, { today })
      .limit(limit)
      .getMany();
  }

  async update(manager: EntityManager, id: string, changes: Partial<ConsentOrmEntity>): Promise<void> {
    await manager.update(ConsentOrmEntity, { id }, changes);
  }

  changes(manager: EntityManager, consentId: string): Promise<ConsentChangeOrmEntity[]> {
    return manager.find(ConsentChangeOrmEntity, { where: { consentId }, order: { at: 'ASC' } });
  }

  async addChange(manager: EntityManager, change: ConsentChangeOrmEntity): Promise<void> {
    await manager.insert(ConsentChangeOrmEntity, change);
  }
}
