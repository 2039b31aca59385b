import { Injectable } from '@nestjs/common';
import { DeadlineReadRepository } from '../../infrastructure/deadline.read-repository';
import { deadlineView, DeadlineView } from '../shared/deadline-view';
import { ListDeadlinesQuery } from './list-deadlines.query';

/** The clocks of the caller's organisation as recipient (every clock for a hub admin). */
@Injectable()
export class ListDeadlinesHandler {
  constructor(private readonly deadlines: DeadlineReadRepository) {}

  async execute(q: ListDeadlinesQuery): Promise<{ items: DeadlineView[] }> {
    const clocks = await this.deadlines.list({
      recipientOrganisationNumber: q.by.roles.includes('hub-admin') ? null : q.by.organisationNumber,
      status: q.status,
      referralId: q.referralId,
    });
    return { items: clocks.map(deadlineView) };
  }
}
