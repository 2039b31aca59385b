import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { NotFoundError } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { Reassignment, RoutingCase, UnitAssignment } from '../../domain/routing-case';
import { HubCoordinators } from './hub-coordinators';

/** Why a referral went where it did: the case, each unit's decision with its candidates, every move. */
export interface RoutingExplanation {
  routingCase: RoutingCase;
  assignments: UnitAssignment[];
  moves: Reassignment[];
}

/** Routing decisions, shown to the referral's parties and the hub's coordinators only. */
@Injectable()
export class RoutingQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly hub: HubCoordinators,
    private readonly access: AccessRecordPublisher,
  ) {}

  /** The explanation names the holders (staff); the read, or its refusal, goes to the access log. */
  async explain(referralId: string, viewer: Principal, correlationId: string): Promise<RoutingExplanation> {
    const manager = this.ds.manager;
    const routingCase = await this.assignments.case(manager, referralId);
    const assignments = routingCase ? await this.assignments.assignmentsOf(manager, referralId) : [];
    const parties = routingCase
      ? [routingCase.senderOrganisationNumber, ...assignments.map((a) => a.organisationNumber)]
      : [];
    const record = {
      reader: viewer,
      action: 'read-routing-explanation',
      objectType: 'routing-explanation' as const,
    };
    if (
      !routingCase ||
      (!parties.includes(viewer.organisationNumber) && !(await this.hub.includes(manager, viewer)))
    ) {
      await this.access.publish({
        ...record,
        objectId: referralId,
        referralId,
        parties,
        outcome: 'refused-not-found',
        correlationId,
      });
      throw new NotFoundError('ROUTING.NOT_FOUND', 'No referral with that id exists, or you may not see it.');
    }
    const moves = await this.assignments.reassignmentsOf(manager, referralId);
    await this.access.publish({ ...record, objectId: referralId, referralId, parties, correlationId });
    return { routingCase, assignments, moves };
  }

  /** Referrals the directory cannot route yet, with the exact reason: for the hub's coordinators. */
  async unroutable(viewer: Principal): Promise<RoutingCase[]> {
    if (!(await this.hub.includes(this.ds.manager, viewer))) {
      throw new NotFoundError('ROUTING.NOT_FOUND', 'Only the hub’s coordinators see the unroutable queue.');
    }
    return this.assignments.unroutable(this.ds.manager);
  }
}
