import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttachmentOrmEntity } from './referral.orm-entity';

/** Case documents; their content is only read when one is downloaded. */
@Injectable()
export class AttachmentRepository {
  async insert(manager: EntityManager, row: AttachmentOrmEntity): Promise<void> {
    await manager.insert(AttachmentOrmEntity, row);
  }

  /** The referral's documents without their content, oldest first. */
  list(manager: EntityManager, referralId: string): Promise<AttachmentOrmEntity[]> {
    return manager.find(AttachmentOrmEntity, { where: { referralId }, order: { uploadedAt: 'ASC' } });
  }

  withContent(
    manager: EntityManager,
    referralId: string,
    attachmentId: string,
  ): Promise<AttachmentOrmEntity | null> {
    return manager
      .createQueryBuilder(AttachmentOrmEntity, 'a')
      .addSelect('a.content')
      .where('a.id = :attachmentId AND a.referral_id = :referralId', { attachmentId, referralId })
      .getOne();
  }

  /** How many of these ids are documents of the referral. */
  countOf(manager: EntityManager, referralId: string, ids: string[]): Promise<number> {
    return manager
      .createQueryBuilder(AttachmentOrmEntity, 'a')
      .where('a.referral_id = :referralId AND a.id IN (:...list)', { referralId, list: ids })
      .getCount();
  }
}
