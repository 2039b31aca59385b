import { Injectable } from '@nestjs/common';
import { ReferralReassignedV1 } from '@overgang/contracts';
import { EventContext, eventOrder } from '@overgang/messaging';
import { UnitHolderRepository } from '../../infrastructure/unit-holder.repository';

/**
 * The referral changed hands in a unit (moved, or a second holder added): the unit's owed clocks
 * name the new holders, so the warnings that follow reach someone who holds it. A move older than
 * what the unit applied is ignored; one that overtook its routing is kept for the clocks it opens.
 */
@Injectable()
export class FollowHolderHandler {
  constructor(private readonly holders: UnitHolderRepository) {}

  async execute(e: ReferralReassignedV1, ctx: EventContext): Promise<void> {
    const order = eventOrder(ctx.envelope, e.reassignedAt);
    const applied =
      e.mode === 'added'
        ? await this.holders.setCoHolder(
            ctx.manager,
            e.referralId,
            e.unitId,
            { holder: e.fromContactPersonId, coHolder: e.toContactPersonId },
            order,
          )
        : await this.holders.setHolder(ctx.manager, e.referralId, e.unitId, e.toContactPersonId, order);
    if (applied) await this.holders.follow(ctx.manager, e.referralId, e.unitId);
  }
}
