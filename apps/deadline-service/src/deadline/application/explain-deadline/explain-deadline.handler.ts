import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { DeadlineReadRepository } from '../../infrastructure/deadline.read-repository';
import { iso, deadlineView, DeadlineView } from '../shared/deadline-view';
import { ExplainDeadlineQuery } from './explain-deadline.query';

export interface DeadlineExplanationView extends DeadlineView {
  explanation: object;
  pauses: Array<{ from: string; to: string | null; reason: string }>;
  changes: Array<{
    at: string;
    reason: string;
    fromDue: string | null;
    toDue: string | null;
    anchorFrom: string | null;
    anchorTo: string | null;
  }>;
  ladder: Array<{ rungId: string; fireAt: string | null; firedAt: string | null; outcome: string | null }>;
}

/** One clock with how its due time was computed, its pauses, its moves and its ladder. */
@Injectable()
export class ExplainDeadlineHandler {
  constructor(
    private readonly deadlines: DeadlineReadRepository,
    private readonly access: AccessRecordPublisher,
  ) {}

  async execute(q: ExplainDeadlineQuery): Promise<DeadlineExplanationView> {
    const { by, clockId } = q;
    const c = await this.deadlines.findById(clockId);
    const party =
      c &&
      (by.organisationNumber === c.recipientOrganisationNumber ||
        by.organisationNumber === c.senderOrganisationNumber ||
        by.roles.includes('hub-admin'));
    const record = {
      reader: by,
      action: 'read-deadline',
      objectType: 'deadline' as const,
      objectId: clockId,
      referralId: c?.referralId ?? null,
      parties: c ? [c.recipientOrganisationNumber, c.senderOrganisationNumber] : [],
      correlationId: q.correlationId,
    };
    if (!c || !party) {
      await this.access.publish({ ...record, outcome: 'refused-not-found' });
      throw new NotFoundError(
        'DEADLINE.NOT_FOUND',
        'No deadline with that id exists, or you may not see it.',
      );
    }
    await this.access.publish(record);
    const { pauses, changes, rungs } = await this.deadlines.history(clockId);
    return {
      ...deadlineView(c),
      explanation: c.explanation,
      pauses: pauses.map((x) => ({ from: x.fromAt.toISOString(), to: iso(x.toAt), reason: x.reason })),
      changes: changes.map((x) => ({
        at: x.at.toISOString(),
        reason: x.reason,
        fromDue: iso(x.fromDue),
        toDue: iso(x.toDue),
        anchorFrom: x.anchorFrom,
        anchorTo: x.anchorTo,
      })),
      ladder: rungs
        .sort(
          (a, b) =>
            (a.fireAt?.getTime() ?? a.firedAt?.getTime() ?? 0) -
            (b.fireAt?.getTime() ?? b.firedAt?.getTime() ?? 0),
        )
        .map((r) => ({
          rungId: r.rungId,
          fireAt: iso(r.fireAt),
          firedAt: iso(r.firedAt),
          outcome: r.outcome,
        })),
    };
  }
}
