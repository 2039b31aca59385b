import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ClockRefV1,
  DeadlineBreachedV1,
  DeadlineMetV1,
  DeadlineOpenedV1,
  DeadlineRescheduledV1,
  DeadlineResumedV1,
  DeadlineStoppedV1,
  RungFiredV1,
} from '@overgang/contracts';
import { ReferralRepository } from '../../infrastructure/referral.repository';

/** Projects the deadline service's clocks onto referrals, whatever order the events arrive in. */
@Injectable()
export class ProjectDeadlinesHandler {
  constructor(private readonly referrals: ReferralRepository) {}

  opened(manager: EntityManager, e: DeadlineOpenedV1): Promise<void> {
    return this.apply(manager, e, 'open', new Date(e.startedAt), new Date(e.dueAt));
  }

  async met(manager: EntityManager, e: DeadlineMetV1): Promise<void> {
    await this.apply(manager, e, 'met', new Date(e.metAt), new Date(e.dueAt));
  }

  async breached(manager: EntityManager, e: DeadlineBreachedV1): Promise<void> {
    await this.apply(manager, e, 'breached', new Date(e.breachedAt), new Date(e.dueAt));
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.breachedAt),
      actor: 'deadline-service',
      actorOrganisation: null,
      action: 'deadline-breached',
      facts: { clockId: e.clockId, unitId: e.recipientUnitId, kind: e.kind, dueAt: e.dueAt },
    });
  }

  stopped(manager: EntityManager, e: DeadlineStoppedV1): Promise<void> {
    return this.apply(manager, e, e.status, new Date(e.stoppedAt));
  }

  resumed(manager: EntityManager, e: DeadlineResumedV1): Promise<void> {
    return this.apply(manager, e, e.status ?? 'open', new Date(e.resumedAt), new Date(e.dueAt));
  }

  /** Order-independent like the rest: a move that arrives before the opening still wins. */
  async rescheduled(manager: EntityManager, e: DeadlineRescheduledV1): Promise<void> {
    await this.apply(manager, e, e.status ?? 'open', new Date(e.rescheduledAt), new Date(e.dueAt));
    await this.note(manager, e, 'deadline-moved', e.rescheduledAt, {
      dueAt: e.dueAt,
      reasonCode: e.reasonCode,
    });
  }

  /** Warnings and escalations are shown on the referral, to everyone who may read it. */
  async rungFired(
    manager: EntityManager,
    e: RungFiredV1,
    action: 'deadline-warning' | 'deadline-escalated',
  ): Promise<void> {
    await this.note(manager, e, action, e.firedAt, {
      rungId: e.rungId,
      audience: e.audience,
      holderContactPersonId: e.holderContactPersonId ?? null,
      dueAt: e.dueAt,
    });
  }

  private note(
    manager: EntityManager,
    e: ClockRefV1,
    action: string,
    at: string,
    facts: Record<string, string | null>,
  ) {
    return this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(at),
      actor: 'deadline-service',
      actorOrganisation: null,
      action,
      facts: { clockId: e.clockId, unitId: e.recipientUnitId, kind: e.kind, ...facts },
    });
  }

  /**
   * One statement: insert the clock, or update it unless it is closed or the stored state is newer.
   * (It replaced a locked read plus TypeORM's save, which reads again before writing: three round
   * trips per deadline event on the hub's busiest consumer.)
   */
  private async apply(
    manager: EntityManager,
    e: ClockRefV1,
    status: 'open' | 'met' | 'breached' | 'paused' | 'cancelled',
    at: Date,
    dueAt?: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO referral_clock (clock_id, referral_id, unit_id, kind, status, due_at, status_at)
       SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::timestamptz, $7::timestamptz WHERE $6::timestamptz IS NOT NULL
       ON CONFLICT (clock_id) DO UPDATE
         SET status = EXCLUDED.status, due_at = EXCLUDED.due_at, status_at = EXCLUDED.status_at
         WHERE referral_clock.status NOT IN ('met', 'cancelled') AND referral_clock.status_at <= EXCLUDED.status_at`,
      [e.clockId, e.referralId, e.recipientUnitId, e.kind, status, dueAt ?? null, at],
    );
    if (!dueAt) {
      // A stop or resume carries no due time: keep the one stored.
      await manager.query(
        `UPDATE referral_clock SET status = $2, status_at = $3
         WHERE clock_id = $1 AND status NOT IN ('met', 'cancelled') AND status_at <= $3`,
        [e.clockId, status, at],
      );
    }
  }
}
