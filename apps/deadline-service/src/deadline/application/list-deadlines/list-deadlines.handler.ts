import { Injectable } from '@nestjs/common';
import { AccessRecordPublisher } from '@overgang/messaging';
import { DeadlineReadRepository } from '../../infrastructure/deadline.read-repository';
import { deadlineView, DeadlineView } from '../shared/deadline-view';
import { ListDeadlinesQuery } from './list-deadlines.query';

/** The clocks of the caller's organisation as recipient (every clock for a hub admin). */
@Injectable()
export class ListDeadlinesHandler {
  constructor(
    private readonly deadlines: DeadlineReadRepository,
    private readonly access: AccessRecordPublisher,
  ) {}

  async execute(q: ListDeadlinesQuery): Promise<{ items: DeadlineView[] }> {
    const clocks = await this.deadlines.list({
      recipientOrganisationNumber: q.by.roles.includes('hub-admin') ? null : q.by.organisationNumber,
      status: q.status,
      referralId: q.referralId,
    });
    // Who holds which referral's clock, by staff id: the listing goes to the access log.
    await this.access.publish({
      reader: q.by,
      action: 'list-deadlines',
      objectType: 'deadlines',
      objectId: q.referralId ?? q.by.organisationNumber,
      referralIds: clocks.map((c) => c.referralId),
      parties: [
        q.by.organisationNumber,
        ...clocks.flatMap((c) => [c.recipientOrganisationNumber, c.senderOrganisationNumber]),
      ],
      correlationId: q.correlationId,
    });
    return { items: clocks.map(deadlineView) };
  }
}
