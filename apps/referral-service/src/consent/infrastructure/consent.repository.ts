import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { installedFieldCipher } from '@overgang/crypto';
import { ConsentChangeOrmEntity, ConsentOrmEntity } from './consent.orm-entity';

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
