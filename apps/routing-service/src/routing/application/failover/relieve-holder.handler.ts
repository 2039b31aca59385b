import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@overgang/core';
import { Unavailability } from '../../../directory/domain/directory';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { relief } from '../../domain/failover';
import { HolderPicker } from '../holder-picker';
import { RoutingTx } from '../routing-tx';
import { Reassignments } from './reassignments';

/** A holder is away from today or has left: their open referrals move to someone present, now. */
@Injectable()
export class RelieveHolderHandler {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly picker: HolderPicker,
    private readonly reassignments: Reassignments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async relieve(u: Unavailability, tx: RoutingTx): Promise<number> {
    const now = this.clock.now();
    const held = await this.assignments.lockOpenHeldBy(tx.manager, u.contactPersonId);
    for (const a of held) {
      const { holder } = await this.picker.pick(tx.manager, a.unitId, a.referralType, now, [
        u.contactPersonId,
      ]);
      const next = relief(u, holder);
      await this.assignments.changeHolder(tx.manager, a.referralId, a.unitId, next);
      await this.reassignments.record(
        a,
        {
          from: u.contactPersonId,
          to: next.contactPersonId,
          mode: 'moved',
          reasonCode: next.reasonCode,
          reason: next.reason,
        },
        now,
        tx,
      );
    }
    return held.length;
  }
}
