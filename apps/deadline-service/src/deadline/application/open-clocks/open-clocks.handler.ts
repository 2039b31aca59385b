import { Injectable } from '@nestjs/common';
import { ReferralRoutedV1 } from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { isRunning } from '../../domain/clock-status';
import { appliesToUnit, policiesFor } from '../../domain/policy-catalogue';
import { earlierStatusEffect } from '../../domain/referral-steps';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { UnitHolderRepository } from '../../infrastructure/unit-holder.repository';
import { ClockContext } from '../shared/clock-context';
import { ClockOpener } from '../shared/clock-opener';
import { ClockTransitions } from '../shared/clock-transitions';

/** A referral was routed: every clock its type runs opens for each recipient unit it applies to. */
@Injectable()
export class OpenClocksHandler {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly holders: UnitHolderRepository,
    private readonly opener: ClockOpener,
    private readonly transitions: ClockTransitions,
  ) {}

  async execute(e: ReferralRoutedV1, ctx: EventContext): Promise<void> {
    const startedAt = new Date(e.routedAt);
    const anchorDate = (await this.clocks.anchorDateOf(ctx.manager, e.referralId)) ?? e.anchorDate ?? null;
    const earlyEvents = await this.clocks.earlyEvents(ctx.manager, e.referralId);
    const order = eventOrder(ctx.envelope, startedAt);
    for (const r of e.recipients) {
      // A move that came first (or is newer) keeps its holder: the clocks open naming whoever holds it.
      await this.holders.setHolder(ctx.manager, e.referralId, r.unitId, r.contactPersonId, order);
      const holder = await this.holders.of(ctx.manager, e.referralId, r.unitId);
      for (const policy of policiesFor(e.referralType)) {
        if (!appliesToUnit(policy, r.unitKind)) continue;
        // A housing plan due before a discharge date nobody knows yet opens when the date is set.
        if (policy.length.unit === 'working-days-before-anchor' && !anchorDate) continue;
        await this.opener.open(
          ctx,
          policy,
          {
            referralId: e.referralId,
            referralType: e.referralType,
            recipientOrganisationNumber: r.organisationNumber,
            recipientUnitId: r.unitId,
            unitKind: r.unitKind,
            holderContactPersonId: holder?.holderContactPersonId ?? r.contactPersonId,
            coHolderContactPersonId: holder?.coHolderContactPersonId ?? null,
            senderOrganisationNumber: e.senderOrganisationNumber ?? null,
            anchorDate: policy.length.unit === 'working-days-before-anchor' ? anchorDate : null,
            startedAt,
          },
          earlyEvents,
        );
      }
      // Clocks opened by an earlier routing follow it too.
      await this.holders.follow(ctx.manager, e.referralId, r.unitId);
    }
    await this.applyEarlierStatus(ctx, e.referralId);
  }

  /** A status the referral reached before it was routed here still applies to its new clocks. */
  private async applyEarlierStatus(ctx: ClockContext, referralId: string): Promise<void> {
    const last = await this.clocks.latestEarlyStatus(ctx.manager, referralId);
    if (!last) return;
    const effect = earlierStatusEffect(last.status);
    for (const c of await this.clocks.lockForReferral(ctx.manager, referralId)) {
      if (!isRunning(c.status)) continue;
      if (effect.kind === 'cancel') await this.transitions.cancel(ctx, c, effect.reasonCode, last.at);
      else await this.transitions.pause(ctx, c, effect.reasonCode, last.at);
    }
  }
}
