import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ReferralSubmittedV1 } from '@overgang/contracts';
import { Reassignment, RoutingCase, RoutingStatus, UnitAssignment } from '../domain/routing-case';
import { AssignmentOrmEntity, ReassignmentOrmEntity, RoutingCaseOrmEntity } from './assignment.orm-entity';

// The columns hold only values routing wrote itself: the casts name their types.
const routingCase = (c: RoutingCaseOrmEntity | null) => c as RoutingCase | null;
const assignment = (a: AssignmentOrmEntity | null) => a as UnitAssignment | null;

/** A case with a part still parked, routed again after every directory change. */
const WAITING: RoutingStatus[] = ['unroutable', 'partly-routed'];

export type HolderChange = Partial<
  Pick<UnitAssignment, 'contactPersonId' | 'coHolderContactPersonId' | 'assignment' | 'reasonCode' | 'reason'>
>;

/** Routing cases, who holds each referral, and every move since; always on the caller's manager. */
@Injectable()
export class AssignmentRepository {
  /** Records a submitted referral once; a redelivered or retried one keeps its case. */
  async openCase(manager: EntityManager, e: ReferralSubmittedV1, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RoutingCaseOrmEntity)
      .values({
        referralId: e.referralId,
        referralType: e.referralType,
        municipalityNumber: e.municipalityNumber,
        senderOrganisationNumber: e.senderOrganisationNumber,
        submitted: e,
        status: 'routing',
        decidedAt: now,
      })
      .orIgnore()
      .execute();
  }

  async case(manager: EntityManager, referralId: string): Promise<RoutingCase | null> {
    return routingCase(await manager.findOneBy(RoutingCaseOrmEntity, { referralId }));
  }

  /** Changes of one referral share its key, so they arrive in order: the last one is the date. */
  async changeAnchorDate(manager: EntityManager, referralId: string, anchorDate: string): Promise<void> {
    await manager.query(
      `UPDATE routing_case SET submitted = jsonb_set(submitted, '{anchorDate}', to_jsonb($2::text))
       WHERE referral_id = $1`,
      [referralId, anchorDate],
    );
  }

  async markRouted(manager: EntityManager, referralId: string, now: Date): Promise<void> {
    await manager.update(
      RoutingCaseOrmEntity,
      { referralId },
      { status: 'routed', reasonCode: null, reason: null, decidedAt: now },
    );
  }

  /** Some or all parts are parked: the case waits, with the first parked part's reason. */
  async markParked(
    manager: EntityManager,
    referralId: string,
    status: Extract<RoutingStatus, 'unroutable' | 'partly-routed'>,
    reasonCode: string,
    reason: string,
    now: Date,
  ): Promise<void> {
    await manager.update(
      RoutingCaseOrmEntity,
      { referralId },
      { status, reasonCode, reason, decidedAt: now },
    );
  }

  /** The case, locked while it is routed: a redelivered submission and a directory change take turns. */
  async lockCase(manager: EntityManager, referralId: string): Promise<RoutingCase | null> {
    return routingCase(
      await manager.findOne(RoutingCaseOrmEntity, {
        where: { referralId },
        lock: { mode: 'pessimistic_write' },
      }),
    );
  }

  /** The cases with a parked part, oldest first, locked for routing again. */
  async lockWaiting(manager: EntityManager): Promise<RoutingCase[]> {
    return (await manager.find(RoutingCaseOrmEntity, {
      where: { status: In(WAITING) },
      order: { decidedAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    })) as RoutingCase[];
  }

  /** The referral ended: its open assignments close and its case with them. */
  async close(manager: EntityManager, referralId: string, now: Date): Promise<void> {
    await manager.update(AssignmentOrmEntity, { referralId, closedAt: IsNull() }, { closedAt: now });
    await manager.update(RoutingCaseOrmEntity, { referralId }, { status: 'closed' });
  }

  async assign(manager: EntityManager, a: UnitAssignment): Promise<void> {
    await manager.createQueryBuilder().insert().into(AssignmentOrmEntity).values(a).orIgnore().execute();
  }

  /** Every open referral the person holds, locked while they move. */
  async lockOpenHeldBy(manager: EntityManager, contactPersonId: string): Promise<UnitAssignment[]> {
    return (await manager.find(AssignmentOrmEntity, {
      where: { contactPersonId, closedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    })) as UnitAssignment[];
  }

  async lockOpen(manager: EntityManager, referralId: string, unitId: string): Promise<UnitAssignment | null> {
    return assignment(
      await manager.findOne(AssignmentOrmEntity, {
        where: { referralId, unitId, closedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      }),
    );
  }

  async changeHolder(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    change: HolderChange,
  ): Promise<void> {
    await manager.update(AssignmentOrmEntity, { referralId, unitId }, change);
  }

  /** Open referrals each of the people holds now (team mode gives to the one with fewest). */
  async openLoad(manager: EntityManager, contactPersonIds: string[]): Promise<Record<string, number>> {
    if (contactPersonIds.length === 0) return {};
    const rows: Array<{ contact: string; n: number }> = await manager.query(
      `SELECT contact_person_id AS contact, count(*)::int AS n FROM assignment
       WHERE closed_at IS NULL AND contact_person_id = ANY($1::text[]) GROUP BY contact_person_id`,
      [contactPersonIds],
    );
    return Object.fromEntries(rows.map((r) => [r.contact, r.n]));
  }

  async recordReassignment(manager: EntityManager, r: Reassignment): Promise<void> {
    await manager.insert(ReassignmentOrmEntity, r);
  }

  async assignmentsOf(manager: EntityManager, referralId: string): Promise<UnitAssignment[]> {
    return (await manager.find(AssignmentOrmEntity, {
      where: { referralId },
      order: { unitId: 'ASC' },
    })) as UnitAssignment[];
  }

  async reassignmentsOf(manager: EntityManager, referralId: string): Promise<Reassignment[]> {
    return (await manager.find(ReassignmentOrmEntity, {
      where: { referralId },
      order: { at: 'ASC' },
    })) as Reassignment[];
  }
}
