import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ClockRefV1,
  DeadlineBreachedV1,
  DeadlineEscalatedV1,
  DeadlineMetV1,
  DeadlineOpenedV1,
  DeadlineRescheduledV1,
  DeadlineResumedV1,
  DeadlineStoppedV1,
  DeadlineWarningIssuedV1,
  RungFiredV1,
} from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { ClockStatus, ReferralClockRepository } from '../../infrastructure/referral-clock.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';

/** Projects the deadline service's clocks onto referrals, whatever order the events arrive in. */
@Injectable()
export class ProjectDeadlinesHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly clocks: ReferralClockRepository,
  ) {}

  opened(e: DeadlineOpenedV1, ctx: EventContext): Promise<void> {
    return this.apply(ctx, e, 'open', new Date(e.startedAt), new Date(e.dueAt));
  }

  async met(e: DeadlineMetV1, ctx: EventContext): Promise<void> {
    await this.apply(ctx, e, 'met', new Date(e.metAt), new Date(e.dueAt));
  }

  async breached(e: DeadlineBreachedV1, ctx: EventContext): Promise<void> {
    const { manager } = ctx;
    await this.apply(ctx, e, 'breached', new Date(e.breachedAt), new Date(e.dueAt));
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.breachedAt),
      actor: 'deadline-service',
      actorOrganisation: null,
      action: 'deadline-breached',
      facts: { clockId: e.clockId, unitId: e.recipientUnitId, kind: e.kind, dueAt: e.dueAt },
    });
  }

  stopped(e: DeadlineStoppedV1, ctx: EventContext): Promise<void> {
    return this.apply(ctx, e, e.status, new Date(e.stoppedAt));
  }

  resumed(e: DeadlineResumedV1, ctx: EventContext): Promise<void> {
    return this.apply(ctx, e, e.status ?? 'open', new Date(e.resumedAt), new Date(e.dueAt));
  }

  /** Order-independent like the rest: a move that arrives before the opening still wins. */
  async rescheduled(e: DeadlineRescheduledV1, ctx: EventContext): Promise<void> {
    await this.apply(ctx, e, e.status ?? 'open', new Date(e.rescheduledAt), new Date(e.dueAt));
    await this.note(ctx.manager, e, 'deadline-moved', e.rescheduledAt, {
      dueAt: e.dueAt,
      reasonCode: e.reasonCode,
    });
  }

  warningIssued(e: DeadlineWarningIssuedV1, { manager }: EventContext): Promise<void> {
    return this.rungFired(manager, e, 'deadline-warning');
  }

  escalated(e: DeadlineEscalatedV1, { manager }: EventContext): Promise<void> {
    return this.rungFired(manager, e, 'deadline-escalated');
  }

  /** Warnings and escalations are shown on the referral, to everyone who may read it. */
  private async rungFired(
    manager: EntityManager,
    e: RungFiredV1,
    action: 'deadline-warning' | 'deadline-escalated',
  ): Promise<void> {
    await this.note(manager, e, action, e.firedAt, {
      rungId: e.rungId,
      audience: e.audience,
      holderContactPersonId: e.holderContactPersonId ?? null,
      coHolderContactPersonId: e.coHolderContactPersonId ?? null,
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

  private apply(
    { manager, envelope }: EventContext,
    e: ClockRefV1,
    status: ClockStatus,
    at: Date,
    dueAt?: Date,
  ): Promise<void> {
    return this.clocks.project(
      manager,
      {
        clockId: e.clockId,
        referralId: e.referralId,
        unitId: e.recipientUnitId,
        kind: e.kind,
        status,
        at,
        dueAt,
      },
      eventOrder(envelope, at),
    );
  }
}
