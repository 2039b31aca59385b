import { Injectable } from '@nestjs/common';
import { EventOrder } from '@overgang/messaging';
import { isOwed, isRunning } from '../../domain/clock-status';
import {
  ClockEvent,
  eventReasonCode,
  isStepOpened,
  POLICY_CATALOGUE,
  policyById,
} from '../../domain/policy-catalogue';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClockContext } from '../shared/clock-context';
import { ClockTransitions } from '../shared/clock-transitions';
import { StepClocks } from '../shared/step-clocks';

/** Events that meet a clock a step opens: one arriving before its step is remembered for it. */
const STEP_CLOCK_STOPS = new Set(POLICY_CATALOGUE.policies.filter(isStepOpened).flatMap((p) => p.stopsOn));

/**
 * A catalogue event for one unit (or all units when unitId is null) meets, pauses, resumes or
 * cancels the clocks its policies name it in, then opens the clocks it starts. An event for a unit
 * with no clocks yet (or with no owed clock it could meet) is remembered for them.
 */
@Injectable()
export class ApplyClockEvent {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly transitions: ClockTransitions,
    private readonly steps: StepClocks,
  ) {}

  async apply(
    ctx: ClockContext,
    referralId: string,
    unitId: string | null,
    event: ClockEvent,
    at: Date,
    order: EventOrder = { sequence: null, at },
  ): Promise<void> {
    const all = await this.clocks.lockForReferral(ctx.manager, referralId);
    const clocks = all.filter((c) => !unitId || c.recipientUnitId === unitId);
    const meets = clocks.some((c) => policyById(c.policy).stopsOn.includes(event) && isOwed(c.status));
    if (unitId && (clocks.length === 0 || (STEP_CLOCK_STOPS.has(event) && !meets)))
      await this.clocks.rememberEvent(ctx.manager, referralId, unitId, event, at);
    for (const c of clocks) {
      const policy = policyById(c.policy);
      if (policy.stopsOn.includes(event) && isOwed(c.status)) await this.transitions.meet(ctx, c, at);
      else if (policy.cancelsOn?.includes(event) && isOwed(c.status))
        await this.transitions.cancel(ctx, c, eventReasonCode(event), at, order);
      else if (policy.pausesOn.includes(event) && isRunning(c.status))
        await this.transitions.pause(ctx, c, eventReasonCode(event), at, order);
      else if (policy.resumesOn.includes(event) && c.status === 'paused')
        await this.transitions.resume(ctx, c, policy, at, order);
    }
    await this.steps.apply(ctx, all, unitId, event, at, order);
  }
}
