import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventOrder, isNewerSql } from '@overgang/messaging';
import { OWED_STATUSES } from '../domain/clock-status';
import { UnitHolderOrmEntity } from './clock.orm-entity';

const newer = (column: 'holder' | 'co_holder') =>
  isNewerSql(
    { sequence: `unit_holder.${column}_sequence`, at: `unit_holder.${column}_at` },
    { sequence: '$4', at: '$5' },
  );

/** Who holds a referral in each unit, as the routing service last said; always on the caller's manager. */
@Injectable()
export class UnitHolderRepository {
  /** Sets the holder (routed, or moved) unless a newer routing event set it; returns whether it applied. */
  async setHolder(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    holder: string | null,
    order: EventOrder,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO unit_holder (referral_id, unit_id, holder_contact_person_id, holder_sequence, holder_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (referral_id, unit_id) DO UPDATE SET holder_contact_person_id = EXCLUDED.holder_contact_person_id,
         holder_sequence = EXCLUDED.holder_sequence, holder_at = EXCLUDED.holder_at
       WHERE ${newer('holder')}
       RETURNING unit_id`,
      [referralId, unitId, holder, order.sequence, order.at],
    );
    return rows.length > 0;
  }

  /**
   * Sets the second holder unless a newer routing event set it. Ahead of the routing, the first
   * holder is taken from the event, with no order, so the routing still sets it when it comes.
   */
  async setCoHolder(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    holders: { holder: string | null; coHolder: string | null },
    order: EventOrder,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO unit_holder (referral_id, unit_id, co_holder_contact_person_id, co_holder_sequence, co_holder_at,
         holder_contact_person_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (referral_id, unit_id) DO UPDATE SET co_holder_contact_person_id = EXCLUDED.co_holder_contact_person_id,
         co_holder_sequence = EXCLUDED.co_holder_sequence, co_holder_at = EXCLUDED.co_holder_at
       WHERE ${newer('co_holder')}
       RETURNING unit_id`,
      [referralId, unitId, holders.coHolder, order.sequence, order.at, holders.holder],
    );
    return rows.length > 0;
  }

  of(manager: EntityManager, referralId: string, unitId: string): Promise<UnitHolderOrmEntity | null> {
    return manager.findOneBy(UnitHolderOrmEntity, { referralId, unitId });
  }

  /**
   * The unit's clocks still owed name its holders now (met and cancelled ones keep who held them);
   * the ladder reads them when a rung fires, so later warnings go to the new holder.
   */
  async follow(manager: EntityManager, referralId: string, unitId: string): Promise<number> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, changed]: [unknown[], number] = await manager.query(
      `UPDATE clock c SET holder_contact_person_id = h.holder_contact_person_id,
         co_holder_contact_person_id = h.co_holder_contact_person_id
       FROM unit_holder h
       WHERE h.referral_id = c.referral_id AND h.unit_id = c.recipient_unit_id
         AND c.referral_id = $1 AND c.recipient_unit_id = $2 AND c.status = ANY($3::text[])
         AND (c.holder_contact_person_id IS DISTINCT FROM h.holder_contact_person_id
           OR c.co_holder_contact_person_id IS DISTINCT FROM h.co_holder_contact_person_id)`,
      [referralId, unitId, OWED_STATUSES],
    );
    return changed;
  }
}
