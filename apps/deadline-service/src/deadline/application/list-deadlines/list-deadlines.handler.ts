import { Injectable } from '@nestjs/common';
import { hasRole, Principal } from '@overgang/auth';
import { AccessRecordPublisher } from '@overgang/messaging';
import { ClockFilter, DeadlineReadRepository } from '../../infrastructure/deadline.read-repository';
import { deadlineView, DeadlineView } from '../shared/deadline-view';
import { ListDeadlinesQuery } from './list-deadlines.query';

/**
 * The clocks of the caller's organisation as recipient for a coordinator (every clock for a hub
 * admin); for a caseworker, the clocks of that organisation the caller holds or co-holds.
 */
export function listScope(
  by: Principal,
): Pick<ClockFilter, 'recipientOrganisationNumber' | 'holderContactPersonId'> {
  if (hasRole(by, 'hub-admin')) return { recipientOrganisationNumber: null, holderContactPersonId: null };
  if (hasRole(by, 'coordinator'))
    return { recipientOrganisationNumber: by.organisationNumber, holderContactPersonId: null };
  // A caseworker's user id is the directory's contact-person id (the holder the routing names).
  return { recipientOrganisationNumber: by.organisationNumber, holderContactPersonId: by.userId };
}

@Injectable()
export class ListDeadlinesHandler {
  constructor(
    private readonly deadlines: DeadlineReadRepository,
    private readonly access: AccessRecordPublisher,
  ) {}

  async execute(q: ListDeadlinesQuery): Promise<{ items: DeadlineView[] }> {
    const clocks = await this.deadlines.list({
      ...listScope(q.by),
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
