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
import { ReferralClockOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

/** A closed clock never changes again; otherwise the newest event wins, whatever order they arrive in. */
const TERMINAL = new Set(['met', 'cancelled']);

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
    return this.apply(manager, e, 'open', new Date(e.resumedAt), new Date(e.dueAt));
  }

  async rescheduled(manager: EntityManager, e: DeadlineRescheduledV1): Promise<void> {
    await manager.update(ReferralClockOrmEntity, { clockId: e.clockId }, { dueAt: new Date(e.dueAt) });
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

  private async apply(
    manager: EntityManager,
    e: ClockRefV1,
    status: 'open' | 'met' | 'breached' | 'paused' | 'cancelled',
    at: Date,
    dueAt?: Date,
  ): Promise<void> {
    const existing = await manager.findOne(ReferralClockOrmEntity, {
      where: { clockId: e.clockId },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && (TERMINAL.has(existing.status) || existing.statusAt.getTime() > at.getTime())) return;
    const due = dueAt ?? existing?.dueAt;
    if (!due) return; // a stop for a clock whose opening has not arrived yet: the opening will carry the state
    await manager.save(ReferralClockOrmEntity, {
      clockId: e.clockId,
      referralId: e.referralId,
      unitId: e.recipientUnitId,
      kind: e.kind,
      status,
      dueAt: due,
      statusAt: at,
    });
  }
}
