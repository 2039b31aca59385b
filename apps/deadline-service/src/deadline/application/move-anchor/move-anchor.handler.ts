import { Injectable } from '@nestjs/common';
import { ReferralAnchorDateChangedV1 } from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { isOwed } from '../../domain/clock-status';
import { appliesToUnit, policiesFor } from '../../domain/policy-catalogue';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClockOpener } from '../shared/clock-opener';
import { ClockTransitions } from '../shared/clock-transitions';

/** The release or discharge date moved: clocks anchored to it are recomputed, or opened once it is set. */
@Injectable()
export class MoveAnchorHandler {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly opener: ClockOpener,
    private readonly transitions: ClockTransitions,
  ) {}

  async execute(e: ReferralAnchorDateChangedV1, ctx: EventContext): Promise<void> {
    const at = new Date(e.changedAt);
    const order = eventOrder(ctx.envelope, at);
    // A replayed older change would move the clocks back to a date the referral no longer has.
    if (!(await this.clocks.saveAnchorDate(ctx.manager, e.referralId, e.to, order))) return;
    const clocks = await this.clocks.lockForReferral(ctx.manager, e.referralId);
    const move = { anchorFrom: e.from ?? null, anchorTo: e.to, reasonCode: e.reasonCode, at, order };
    for (const policy of policiesFor(e.referralType).filter(
      (p) => p.length.unit === 'working-days-before-anchor',
    )) {
      const anchored = clocks.filter((c) => c.policy === policy.id);
      for (const c of anchored.filter((c) => isOwed(c.status))) {
        await this.transitions.reschedule(ctx, c, policy, move);
      }
      if (anchored.length > 0) continue;
      // First date for a referral already routed: open its anchored clocks for the units it applies to.
      const units = new Map(
        clocks.filter((c) => appliesToUnit(policy, c.unitKind)).map((c) => [c.recipientUnitId, c]),
      );
      for (const u of units.values()) {
        await this.opener.open(
          ctx,
          policy,
          {
            referralId: u.referralId,
            referralType: u.referralType,
            recipientOrganisationNumber: u.recipientOrganisationNumber,
            recipientUnitId: u.recipientUnitId,
            unitKind: u.unitKind,
            holderContactPersonId: u.holderContactPersonId,
            coHolderContactPersonId: u.coHolderContactPersonId,
            senderOrganisationNumber: u.senderOrganisationNumber,
            anchorDate: e.to,
            startedAt: u.startedAt,
          },
          undefined,
          at,
        );
      }
    }
  }
}
