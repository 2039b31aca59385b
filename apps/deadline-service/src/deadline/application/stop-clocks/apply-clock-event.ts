import { Injectable } from '@nestjs/common';
import { EventOrder } from '@overgang/messaging';
import { isOwed, isRunning } from '../../domain/clock-status';
import { ClockEvent, policyById } from '../../domain/policy-catalogue';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClockContext } from '../shared/clock-context';
import { ClockTransitions } from '../shared/clock-transitions';

/**
 * A catalogue event for one unit (or all units when unitId is null) meets, pauses or resumes the
 * clocks its policies name it in. An event for a unit with no clocks yet is remembered for them.
 */
@Injectable()
export class ApplyClockEvent {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly transitions: ClockTransitions,
  ) {}

  async apply(
    ctx: ClockContext,
    referralId: string,
    unitId: string | null,
    event: ClockEvent,
    at: Date,
    order: EventOrder = { sequence: null, at },
  ): Promise<void> {
    const clocks = (await this.clocks.lockForReferral(ctx.manager, referralId)).filter(
      (c) => !unitId || c.recipientUnitId === unitId,
    );
    if (unitId && clocks.length === 0)
      await this.clocks.rememberEvent(ctx.manager, referralId, unitId, event, at);
    for (const c of clocks) {
      const policy = policyById(c.policy);
      if (policy.stopsOn.includes(event) && isOwed(c.status)) await this.transitions.meet(ctx, c, at);
      else if (policy.pausesOn.includes(event) && isRunning(c.status))
        await this.transitions.pause(ctx, c, event.toUpperCase().replace(/-/g, '_'), at, order);
      else if (policy.resumesOn.includes(event) && c.status === 'paused')
        await this.transitions.resume(ctx, c, policy, at, order);
    }
  }
}
