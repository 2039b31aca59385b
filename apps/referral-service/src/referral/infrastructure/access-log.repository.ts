import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessLogOrmEntity } from './referral.orm-entity';

export interface AccessLogRow {
  referralId: string;
  userId: string;
  organisationNumber: string;
  action: string;
  at: Date;
  correlationId: string;
}

/** The access log's table: written in the reading transaction, read by coordinators. */
@Injectable()
export class AccessLogRepository {
  async insert(manager: EntityManager, row: AccessLogRow): Promise<void> {
    await manager.insert(AccessLogOrmEntity, row);
  }

  forReferral(manager: EntityManager, referralId: string): Promise<AccessLogOrmEntity[]> {
    return manager.find(AccessLogOrmEntity, { where: { referralId }, order: { id: 'ASC' } });
  }
}
