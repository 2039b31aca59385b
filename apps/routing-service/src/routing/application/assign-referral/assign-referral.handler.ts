import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, DomainError, NotFoundError, osloDate } from '@overgang/core';
import { inTransaction } from '@overgang/persistence';
import { DirectoryReader } from '../../../directory/application/directory-reader';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { COORDINATOR_ASSIGNED, coordinatorMove, mayAssignIn } from '../../domain/coordinator-assignment';
import { Reassignments } from '../failover/reassignments';
import { HubCoordinators } from '../read-routing/hub-coordinators';
import { AssignReferralCommand } from './assign-referral.command';

/** The answer to an assignment: who held it, who holds it now, and why. */
export interface AssignReferralResult {
  referralId: string;
  unitId: string;
  from: string | null;
  to: string;
  reasonCode: string;
  reason: string;
}

/**
 * A coordinator of the receiving unit's organisation (or the hub's administrators) gives a referral
 * waiting in the unit's queue, or held by someone, to a named contact person of that unit, or takes
 * it over themself. The move and its event are written in one transaction; a refusal stores nothing.
 */
@Injectable()
export class AssignReferralHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly directory: DirectoryReader,
    private readonly hub: HubCoordinators,
    private readonly reassignments: Reassignments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: AssignReferralCommand): Promise<AssignReferralResult> {
    const { referralId, unitId, actor } = cmd;
    return inTransaction(this.ds, async (manager) => {
      const routingCase = await this.assignments.case(manager, referralId);
      const all = routingCase ? await this.assignments.assignmentsOf(manager, referralId) : [];
      const parties = routingCase
        ? [routingCase.senderOrganisationNumber, ...all.map((a) => a.organisationNumber)]
        : [];
      // A caller who is no party reads exactly what an unknown id gets.
      if (
        !routingCase ||
        (!parties.includes(actor.organisationNumber) && !(await this.hub.includes(manager, actor)))
      ) {
        throw new NotFoundError(
          'ROUTING.NOT_FOUND',
          'No referral with that id exists, or you may not see it.',
        );
      }
      const a = await this.assignments.lockOpen(manager, referralId, unitId);
      if (!a) {
        const closed = all.some((x) => x.unitId === unitId);
        throw closed
          ? new DomainError(
              'ROUTING.ASSIGNMENT_CLOSED',
              `Henvisningen er avsluttet i enheten ${unitId} og kan ikke tildeles.`,
              'conflict',
              { field: 'unitId' },
            )
          : new DomainError(
              'ROUTING.UNIT_NOT_RECIPIENT',
              `Henvisningen er ikke sendt til enheten ${unitId}. Velg en av enhetene som har fått den.`,
              'unprocessable',
              { field: 'unitId', units: all.map((x) => x.unitId) },
            );
      }
      if (!mayAssignIn(actor, a)) {
        throw new DomainError(
          'ROUTING.NOT_YOUR_UNIT',
          `Bare en koordinator i organisasjonen som eier enheten ${unitId} (eller hubens administratorer) kan tildele henvisningen der.`,
          'forbidden',
        );
      }
      const now = this.clock.now();
      const today = osloDate(now);
      const staffing = await this.directory.staffing(manager, unitId, today);
      const move = coordinatorMove(a, cmd.target, actor, staffing, today);
      await this.assignments.changeHolder(manager, referralId, unitId, {
        contactPersonId: move.to,
        assignment: move.assignment,
        reasonCode: COORDINATOR_ASSIGNED,
        reason: move.reason,
        ...(move.clearsCoHolder ? { coHolderContactPersonId: null } : {}),
      });
      await this.reassignments.record(
        a,
        {
          from: move.from,
          to: move.to,
          mode: 'moved',
          reasonCode: COORDINATOR_ASSIGNED,
          reason: move.reason,
          byUserId: actor.userId,
        },
        now,
        { manager, correlationId: cmd.correlationId },
      );
      return {
        referralId,
        unitId,
        from: move.from,
        to: move.to,
        reasonCode: COORDINATOR_ASSIGNED,
        reason: move.reason,
      };
    });
  }
}
