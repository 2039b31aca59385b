import { JsonObject } from '@overgang/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralClockOrmEntity, ReferralOrmEntity, ReferralRecipientOrmEntity } from './referral.orm-entity';

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

  async addHistory(manager: EntityManager, entry: HistoryEntry): Promise<void> {
    await manager.query(
      `INSERT INTO referral_history (referral_id, at, actor, actor_organisation, action, from_status, to_status, facts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.referralId,
        entry.at,
        entry.actor,
        entry.actorOrganisation,
        entry.action,
        entry.fromStatus ?? null,
        entry.toStatus ?? null,
        JSON.stringify(entry.facts ?? {}),
      ],
    );
  }
}
