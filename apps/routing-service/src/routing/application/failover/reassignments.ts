import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { REFERRAL_REASSIGNED_V1, ReferralReassignedV1 } from '@overgang/contracts';
import { OutboxWriter } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { ReassignmentMode, UnitAssignment } from '../../domain/routing-case';
import { RoutingTx } from '../routing-tx';

export interface HolderMove {
  from: string | null;
  to: string | null;
  mode: ReassignmentMode;
  reasonCode: string;
  reason: string;
  /** The coordinator who moved it by hand; none when a rule did. */
  byUserId?: string | null;
}

/** Records a change of holder for the routing explanation and announces it to the referral service. */
@Injectable()
export class Reassignments {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(a: UnitAssignment, move: HolderMove, now: Date, tx: RoutingTx): Promise<void> {
    const { from, to, mode, reasonCode, reason } = move;
    await this.assignments.recordReassignment(tx.manager, {
      id: randomUUID(),
      referralId: a.referralId,
      unitId: a.unitId,
      fromContactPersonId: from,
      toContactPersonId: to,
      mode,
      reasonCode,
      reason,
      at: now,
    });
    await this.outbox.write<ReferralReassignedV1>(tx.manager, {
      topic: REFERRAL_REASSIGNED_V1,
      key: a.referralId,
      correlationId: tx.correlationId,
      causationId: tx.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: a.referralId,
        referralType: a.referralType,
        organisationNumber: a.organisationNumber,
        unitId: a.unitId,
        fromContactPersonId: from,
        toContactPersonId: to,
        mode,
        reasonCode,
        reason,
        assignedByUserId: move.byUserId ?? null,
        reassignedAt: now.toISOString(),
      },
    });
  }
}
