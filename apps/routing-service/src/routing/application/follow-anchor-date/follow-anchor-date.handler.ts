import { Injectable } from '@nestjs/common';
import { ReferralAnchorDateChangedV1 } from '@overgang/contracts';
import { EventContext } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';

/**
 * The sender moved the release or discharge date: the case keeps the date it is anchored to now, so
 * the hub's coordinators see how urgent an unroutable referral is, and routing it later carries it.
 */
@Injectable()
export class FollowAnchorDateHandler {
  constructor(private readonly assignments: AssignmentRepository) {}

  async handle(e: ReferralAnchorDateChangedV1, ctx: EventContext): Promise<void> {
    await this.assignments.changeAnchorDate(ctx.manager, e.referralId, e.to);
  }
}
