import { Inject, Injectable } from '@nestjs/common';
import { DeadlineBreachedV1 } from '@overgang/contracts';
import { CLOCK, Clock } from '@overgang/core';
import { EventContext } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import {
  ACK_SILENCE,
  awaitsCoHolder,
  silenceDecision,
  silenceExcludes,
  triggersFailover,
} from '../../domain/failover';
import { HolderPicker } from '../holder-picker';
import { Reassignments } from './reassignments';

/**
 * The holder has not acknowledged within the acknowledgement deadline: the referral is also
 * given to the unit's other contact (the backup, or the primary when the backup held it).
 */
@Injectable()
export class AckSilenceHandler {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly picker: HolderPicker,
    private readonly reassignments: Reassignments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(e: DeadlineBreachedV1, ctx: EventContext): Promise<void> {
    if (!triggersFailover(e.kind)) return;
    const { manager } = ctx;
    const now = this.clock.now();
    const a = await this.assignments.lockOpen(manager, e.referralId, e.recipientUnitId);
    if (!awaitsCoHolder(a)) return;
    const { holder } = await this.picker.pick(manager, a.unitId, a.referralType, now, silenceExcludes(a));
    const decision = silenceDecision(a, holder);
    switch (decision.kind) {
      case 'none':
        return;
      case 'add-co-holder':
        await this.assignments.changeHolder(manager, a.referralId, a.unitId, {
          coHolderContactPersonId: decision.to,
        });
        return this.reassignments.record(
          a,
          {
            from: decision.from,
            to: decision.to,
            mode: 'added',
            reasonCode: ACK_SILENCE,
            reason: decision.reason,
          },
          now,
          ctx,
        );
      case 'take-from-queue':
        await this.assignments.changeHolder(manager, a.referralId, a.unitId, {
          contactPersonId: decision.to,
          assignment: decision.assignment,
        });
        return this.reassignments.record(
          a,
          { from: null, to: decision.to, mode: 'moved', reasonCode: ACK_SILENCE, reason: decision.reason },
          now,
          ctx,
        );
    }
  }
}
