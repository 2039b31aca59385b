import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlineBreachedV1, DeadlineMetV1, DeadlineOpenedV1 } from '@overgang/contracts';
import { ReferralClockOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

/** A closed clock never reopens because an older event arrives after a newer one. */
const RANK: Record<string, number> = { open: 0, breached: 1, met: 2 };

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

  private async apply(
    manager: EntityManager,
    e: DeadlineOpenedV1 | DeadlineMetV1 | DeadlineBreachedV1,
    status: 'open' | 'met' | 'breached',
    at: Date,
    dueAt: Date,
  ): Promise<void> {
    const existing = await manager.findOne(ReferralClockOrmEntity, {
      where: { clockId: e.clockId },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && RANK[existing.status] >= RANK[status]) return;
    await manager.save(ReferralClockOrmEntity, {
      clockId: e.clockId,
      referralId: e.referralId,
      unitId: e.recipientUnitId,
      kind: e.kind,
      status,
      dueAt,
      statusAt: at,
    });
  }
}
