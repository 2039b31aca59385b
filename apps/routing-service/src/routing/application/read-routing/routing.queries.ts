import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock, NotFoundError } from '@overgang/core';
import { AccessRecordPublisher } from '@overgang/messaging';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { RoutingPartRepository } from '../../infrastructure/routing-part.repository';
import { byUrgency, fixFor, ParkedAge, parkedAge, ParkedFix } from '../../domain/parked-age';
import { Reassignment, RoutingCase, UnitAssignment } from '../../domain/routing-case';
import { RoutingPart } from '../../domain/routing-parts';
import { HubCoordinators } from './hub-coordinators';

/** Why a referral went where it did: the case, each unit's decision with its candidates, every move. */
export interface RoutingExplanation {
  routingCase: RoutingCase;
  assignments: UnitAssignment[];
  moves: Reassignment[];
  /** Every part still parked with the hub's coordinators, with its age and what fixes it. */
  parked: ParkedView[];
}

/** A parked part as the sender and the hub's coordinators see it. */
export interface ParkedView {
  part: RoutingPart;
  age: ParkedAge;
  fix: ParkedFix;
}

/** One item of the hub's queue: a parked part, its referral's case, and whether other parts went out. */
export interface UnroutableItem extends ParkedView {
  routingCase: RoutingCase;
  partial: boolean;
}

/** Routing decisions, shown to the referral's parties and the hub's coordinators only. */
@Injectable()
export class RoutingQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly hub: HubCoordinators,
    private readonly access: AccessRecordPublisher,
    private readonly parts: RoutingPartRepository,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const now = this.clock.now();
    const parked = (await this.parts.partsOf(manager, referralId))
      .filter((p) => p.status === 'parked' && routingCase.status !== 'closed')
      .map((part) => this.view(part, now));
    return { routingCase, assignments, moves, parked };
  }

  /**
   * The parts the directory cannot route yet, with the exact reason, their age and due day and what
   * fixes them, the most urgent first: for the hub's coordinators.
   */
  async unroutable(viewer: Principal): Promise<UnroutableItem[]> {
    if (!(await this.hub.includes(this.ds.manager, viewer))) {
      throw new NotFoundError('ROUTING.NOT_FOUND', 'Only the hub’s coordinators see the unroutable queue.');
    }
    const now = this.clock.now();
    const items = (await this.parts.parked(this.ds.manager)).map(({ part, routingCase, partial }) => ({
      ...this.view(part, now),
      routingCase,
      partial,
    }));
    const urgency = (i: UnroutableItem) => ({
      overdue: i.age.overdue,
      anchorDate: i.routingCase.submitted.anchorDate ?? null,
      parkedAt: i.part.parkedAt ?? now,
    });
    return items.sort((a, b) => byUrgency(urgency(a), urgency(b)));
  }

  private view(part: RoutingPart, now: Date): ParkedView {
    return { part, age: parkedAge(part.parkedAt ?? now, now), fix: fixFor(part.reasonCode) };
  }
}
