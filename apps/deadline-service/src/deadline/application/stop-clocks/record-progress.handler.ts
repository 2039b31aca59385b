import { Injectable } from '@nestjs/common';
import { ReferralProgressedV1 } from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { isOwed, isRunning } from '../../domain/clock-status';
import { isRememberedBeforeRouting, STEP_EVENTS, stepEffect } from '../../domain/referral-steps';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClockTransitions } from '../shared/clock-transitions';
import { ApplyClockEvent } from './apply-clock-event';

/** A step was taken on the referral: the clocks it concerns are met, paused, resumed or cancelled. */
@Injectable()
export class RecordProgressHandler {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly events: ApplyClockEvent,
    private readonly transitions: ClockTransitions,
  ) {}

  async execute(e: ReferralProgressedV1, ctx: EventContext): Promise<void> {
    const at = new Date(e.at);
    const order = eventOrder(ctx.envelope, at);
    const event = STEP_EVENTS[e.action];
    if (event) await this.events.apply(ctx, e.referralId, e.recipientUnitId ?? null, event, at, order);
    const clocks = await this.clocks.lockForReferral(ctx.manager, e.referralId);
    if (clocks.length === 0 && isRememberedBeforeRouting(e.toStatus)) {
      await this.clocks.rememberStatus(ctx.manager, e.referralId, e.toStatus, at);
    }
    const forUnit = (c: ClockOrmEntity) => !e.recipientUnitId || c.recipientUnitId === e.recipientUnitId;
    const effect = stepEffect(e);
    switch (effect.kind) {
      case 'meet-unit':
        for (const c of clocks.filter((c) => isRunning(c.status) && forUnit(c)))
          await this.transitions.meet(ctx, c, at);
        break;
      case 'pause-running':
        for (const c of clocks.filter((c) => isRunning(c.status)))
          await this.transitions.pause(ctx, c, effect.reasonCode, at, order);
        break;
      case 'pause-housing-plan':
        for (const c of clocks.filter((c) => isRunning(c.status) && c.kind === 'housing-plan'))
          await this.transitions.pause(ctx, c, effect.reasonCode, at, order);
        break;
      case 'pause-unit':
        if (!e.recipientUnitId) break;
        // Not routed to the unit yet (a part parked): its clocks open paused when it is.
        if (!clocks.some(forUnit))
          await this.clocks.rememberEvent(ctx.manager, e.referralId, e.recipientUnitId, 'withheld', at);
        for (const c of clocks.filter((c) => isRunning(c.status) && forUnit(c)))
          await this.transitions.pause(ctx, c, effect.reasonCode, at, order);
        break;
      case 'cancel-owed':
        // A clock a later step opened (a readmission's new round) is not this step's to end.
        for (const c of clocks.filter((c) => isOwed(c.status) && c.startedAt.getTime() <= at.getTime()))
          await this.transitions.cancel(ctx, c, effect.reasonCode, at, order);
        break;
      case 'none':
        break;
    }
  }
}
