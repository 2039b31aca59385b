import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import type { ReferralStatusCode } from '@overgang/contracts';
import { EventOrder, isNewerSql } from '@overgang/messaging';
import { ClockEvent } from '../domain/policy-catalogue';
import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
} from './clock.orm-entity';

/** Marks an early fact about the whole referral rather than one unit. */
const ANY_UNIT = '*';
const STATUS = 'status:';

/** A catalogue event that arrived for a unit before that unit's clocks opened. */
export interface EarlyEvent {
  unitId: string;
  event: ClockEvent;
  at: Date;
}

export type ClockChange = Omit<ClockChangeOrmEntity, 'id'>;

/**
 * Clocks with their pause ledger, moves, early facts and anchor dates. Always inside the caller's
 * transaction: every method takes its EntityManager.
 */
@Injectable()
export class ClockRepository {
  /** The referral's clocks, locked until the transaction ends, in a stable order. */
  lockForReferral(manager: EntityManager, referralId: string): Promise<ClockOrmEntity[]> {
    return manager.find(ClockOrmEntity, {
      where: { referralId },
      order: { startedAt: 'ASC', kind: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The clocks no one else holds right now, locked; a clock a consumer holds is left out. */
  async lockAvailable(manager: EntityManager, ids: string[]): Promise<Map<string, ClockOrmEntity>> {
    const rows = await manager
      .createQueryBuilder(ClockOrmEntity, 'c')
      .where({ id: In(ids) })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** False when the clock exists already for this referral, unit and kind (a redelivery). */
  async insertIfAbsent(manager: EntityManager, clock: ClockOrmEntity): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ClockOrmEntity)
      .values(clock)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async update(manager: EntityManager, id: string, changes: Partial<ClockOrmEntity>): Promise<void> {
    await manager.update(ClockOrmEntity, { id }, changes);
  }

  async openPause(manager: EntityManager, clockId: string, at: Date, reason: string): Promise<void> {
    await manager.insert(ClockPauseOrmEntity, { id: randomUUID(), clockId, fromAt: at, toAt: null, reason });
  }

  async closeOpenPause(manager: EntityManager, clockId: string, at: Date): Promise<void> {
    await manager.update(ClockPauseOrmEntity, { clockId, toAt: IsNull() }, { toAt: at });
  }

  pauses(manager: EntityManager, clockId: string): Promise<ClockPauseOrmEntity[]> {
    return manager.find(ClockPauseOrmEntity, { where: { clockId }, order: { fromAt: 'ASC' } });
  }

  async recordChange(manager: EntityManager, change: ClockChange): Promise<void> {
    await manager.insert(ClockChangeOrmEntity, { id: randomUUID(), ...change });
  }

  async anchorDateOf(manager: EntityManager, referralId: string): Promise<string | null> {
    return (await manager.findOneBy(ReferralAnchorOrmEntity, { referralId }))?.anchorDate ?? null;
  }

  /**
   * Stores the referral's anchor date unless the stored one was changed later (the referral service's
   * sequence; changedAt when either lacks one): returns false for an older change, which moves nothing.
   */
  async saveAnchorDate(
    manager: EntityManager,
    referralId: string,
    anchorDate: string,
    order: EventOrder,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO referral_anchor (referral_id, anchor_date, changed_at, sequence) VALUES ($1, $2, $3, $4)
       ON CONFLICT (referral_id) DO UPDATE
         SET anchor_date = EXCLUDED.anchor_date, changed_at = EXCLUDED.changed_at, sequence = EXCLUDED.sequence
         WHERE ${isNewerSql({ sequence: 'referral_anchor.sequence', at: 'referral_anchor.changed_at' }, { sequence: '$4', at: '$3' })}
       RETURNING referral_id`,
      [referralId, anchorDate, order.at, order.sequence],
    );
    return rows.length > 0;
  }

  /** Remembers a catalogue event for a unit whose clocks have not opened yet. */
  async rememberEvent(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    event: ClockEvent,
    at: Date,
  ): Promise<void> {
    await this.remember(manager, referralId, unitId, event, at);
  }

  /** Remembers a status the whole referral reached before its clocks opened. */
  async rememberStatus(
    manager: EntityManager,
    referralId: string,
    status: ReferralStatusCode,
    at: Date,
  ): Promise<void> {
    await this.remember(manager, referralId, ANY_UNIT, `${STATUS}${status}`, at);
  }

  async earlyEvents(manager: EntityManager, referralId: string): Promise<EarlyEvent[]> {
    const rows = await manager.findBy(EarlyStopOrmEntity, { referralId, recipientUnitId: Not(ANY_UNIT) });
    return rows.map((x) => ({ unitId: x.recipientUnitId, event: x.kind as ClockEvent, at: x.at }));
  }

  /** The last status the referral was remembered to reach before its clocks opened, if any. */
  async latestEarlyStatus(
    manager: EntityManager,
    referralId: string,
  ): Promise<{ status: string; at: Date } | null> {
    const last = await manager.findOne(EarlyStopOrmEntity, {
      where: { referralId, recipientUnitId: ANY_UNIT },
      order: { at: 'DESC' },
    });
    return last ? { status: last.kind.replace(STATUS, ''), at: last.at } : null;
  }

  private async remember(manager: EntityManager, referralId: string, unitId: string, kind: string, at: Date) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EarlyStopOrmEntity)
      .values({ referralId, recipientUnitId: unitId, kind, at })
      .orIgnore()
      .execute();
  }
}
