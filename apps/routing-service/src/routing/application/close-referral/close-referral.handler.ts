import { Inject, Injectable } from '@nestjs/common';
import { isFinalStatus, ReferralProgressedV1 } from '@overgang/contracts';
import { CLOCK, Clock } from '@overgang/core';
import { EventContext } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';

/** The referral ended: its assignments no longer count as anyone's open load. */
@Injectable()
export class CloseReferralHandler {
  constructor(
    private readonly assignments: AssignmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(e: ReferralProgressedV1, ctx: EventContext): Promise<void> {
    if (!isFinalStatus(e.toStatus)) return;
    await this.assignments.close(ctx.manager, e.referralId, this.clock.now());
  }
}
