import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import {
  receivingUnitKinds,
  REFERRAL_REASSIGNED_V1,
  REFERRAL_ROUTED_V1,
  REFERRAL_UNROUTABLE_V1,
  ReferralReassignedV1,
  ReferralRoutedV1,
  ReferralSubmittedV1,
  ReferralType,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { CLOCK, Clock, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { DirectoryStore } from '../../directory/application/directory.store';
import {
  Holder,
  NO_CONTACTS,
  Party,
  pickHolder,
  resolveParties,
  UnitMode,
} from '../../directory/domain/directory';
import { UnitOrmEntity } from '../../directory/infrastructure/directory.orm-entity';
import {
  AssignmentOrmEntity,
  ReassignmentOrmEntity,
  RoutingCaseOrmEntity,
} from '../infrastructure/assignment.orm-entity';

export interface Trace {
  correlationId: string;
  causationId?: string | null;
  afterCommit: (fn: () => void) => void;
}

const FINAL = ['withdrawn', 'cancelled', 'completed', 'rejected'];

/**
 * Decides who receives a referral and keeps it with someone present: routing by the municipality,
 * the holder in each unit, failover when a holder is away, leaves or stays silent, and routing
 * again whatever the directory could not route once the gap is fixed. A referral is never lost: a
 * gap sends it to the hub's coordinators with the exact reason.
 */
@Injectable()
export class RoutingEngine {
  constructor(
    private readonly store: DirectoryStore,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async route(manager: EntityManager, e: ReferralSubmittedV1, trace: Trace): Promise<void> {
    const now = this.clock.now();
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
    const kinds = e.receivingUnitKinds ?? receivingUnitKinds(e.referralType);
    const resolution = resolveParties(
      await this.store.snapshotFor(manager, e.municipalityNumber),
      e.referralType,
      e.municipalityNumber,
      kinds,
    );
    if (!resolution.ok) return this.unroutable(manager, e, resolution.code, resolution.reason, now, trace);

    const uncovered = resolution.parties.filter(
      (p) => !e.consentedRecipientOrganisationNumbers.includes(p.organisationNumber),
    );
    if (uncovered.length > 0) {
      const orgs = uncovered.map((p) => p.organisationNumber).join(', ');
      const reason = `The directory now routes to ${orgs}, which the consent does not cover.`;
      return this.unroutable(manager, e, 'ROUTING.CONSENT_DOES_NOT_COVER', reason, now, trace);
    }

    const holders: Array<{ party: Party; holder: Holder; mode: UnitMode }> = [];
    for (const party of resolution.parties) {
      const { holder, mode } = await this.pick(manager, party.unitId, e.referralType, now);
      if (holder.reasonCode === NO_CONTACTS) {
        return this.unroutable(manager, e, holder.reasonCode, holder.reason, now, trace);
      }
      holders.push({ party, holder, mode });
    }
    for (const { party, holder, mode } of holders) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AssignmentOrmEntity)
        .values({
          referralId: e.referralId,
          unitId: party.unitId,
          referralType: e.referralType,
          organisationNumber: party.organisationNumber,
          contactPersonId: holder.contactPersonId,
          coHolderContactPersonId: null,
          assignment: holder.assignment,
          reasonCode: holder.reasonCode,
          reason: holder.reason,
          explanation: { mode, candidates: holder.candidates, decidedOn: osloDate(now) },
          decidedAt: now,
          closedAt: null,
        })
        .orIgnore()
        .execute();
    }
    await manager.update(
      RoutingCaseOrmEntity,
      { referralId: e.referralId },
      { status: 'routed', reasonCode: null, reason: null, decidedAt: now },
    );
    await this.outbox.write<ReferralRoutedV1>(manager, {
      topic: REFERRAL_ROUTED_V1,
      key: e.referralId,
      correlationId: trace.correlationId,
      causationId: trace.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        recipients: holders.map(({ party, holder }) => ({
          ...party,
          contactPersonId: holder.contactPersonId,
          assignment: holder.assignment,
          reasonCode: holder.reasonCode,
          reason: holder.reason,
        })),
        senderOrganisationNumber: e.senderOrganisationNumber,
        anchorDate: e.anchorDate ?? null,
        routedAt: now.toISOString(),
      },
    });
    trace.afterCommit(() => this.relay.kick());
  }

  /** Routes again every referral the directory could not route, after a directory change. */
  async retryUnroutable(manager: EntityManager, trace: Trace): Promise<number> {
    const waiting = await manager.find(RoutingCaseOrmEntity, {
      where: { status: 'unroutable' },
      order: { decidedAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const c of waiting) await this.route(manager, c.submitted as ReferralSubmittedV1, trace);
    return waiting.length;
  }

  /** The referral ended: its assignments no longer count as anyone's open load. */
  async close(manager: EntityManager, referralId: string, toStatus: string): Promise<void> {
    if (!FINAL.includes(toStatus)) return;
    const now = this.clock.now();
    await manager.update(AssignmentOrmEntity, { referralId, closedAt: IsNull() }, { closedAt: now });
    await manager.update(RoutingCaseOrmEntity, { referralId }, { status: 'closed' });
  }

  /** A holder is away from today or has left: their open referrals move to someone present, now. */
  async relieve(
    manager: EntityManager,
    contactPersonId: string,
    reasonCode: string,
    why: string,
    trace: Trace,
  ): Promise<number> {
    const now = this.clock.now();
    const held = await manager.find(AssignmentOrmEntity, {
      where: { contactPersonId, closedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    for (const a of held) {
      const { holder } = await this.pick(manager, a.unitId, a.referralType as ReferralType, now, [
        contactPersonId,
      ]);
      const reason = `${why} ${holder.reason}`;
      await manager.update(
        AssignmentOrmEntity,
        { referralId: a.referralId, unitId: a.unitId },
        { contactPersonId: holder.contactPersonId, assignment: holder.assignment, reasonCode, reason },
      );
      await this.reassigned(
        manager,
        a,
        contactPersonId,
        holder.contactPersonId,
        'moved',
        reasonCode,
        reason,
        now,
        trace,
      );
    }
    return held.length;
  }

  /**
   * The holder has not acknowledged within the acknowledgement deadline: the referral is also
   * given to the unit's other contact (the backup, or the primary when the backup held it).
   */
  async ackSilence(manager: EntityManager, referralId: string, unitId: string, trace: Trace): Promise<void> {
    const now = this.clock.now();
    const a = await manager.findOne(AssignmentOrmEntity, {
      where: { referralId, unitId, closedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!a || a.coHolderContactPersonId) return;
    const exclude = a.contactPersonId ? [a.contactPersonId] : [];
    const { holder } = await this.pick(manager, unitId, a.referralType as ReferralType, now, exclude);
    // Nobody else is present: the breach has already gone to the unit's coordinator.
    if (!holder.contactPersonId) return;
    const reason = `${a.contactPersonId ?? 'The unit queue'} did not acknowledge within the deadline; ${holder.contactPersonId} is given it too.`;
    if (a.contactPersonId) {
      await manager.update(
        AssignmentOrmEntity,
        { referralId, unitId },
        { coHolderContactPersonId: holder.contactPersonId },
      );
      await this.reassigned(
        manager,
        a,
        a.contactPersonId,
        holder.contactPersonId,
        'added',
        'ROUTING.ACK_SILENCE',
        reason,
        now,
        trace,
      );
    } else {
      await manager.update(
        AssignmentOrmEntity,
        { referralId, unitId },
        { contactPersonId: holder.contactPersonId, assignment: holder.assignment },
      );
      await this.reassigned(
        manager,
        a,
        null,
        holder.contactPersonId,
        'moved',
        'ROUTING.ACK_SILENCE',
        reason,
        now,
        trace,
      );
    }
  }

  private async pick(
    manager: EntityManager,
    unitId: string,
    type: ReferralType,
    now: Date,
    exclude: string[] = [],
  ) {
    const unit = await manager.findOneBy(UnitOrmEntity, { id: unitId });
    const mode = (unit?.mode ?? 'primary-backup') as UnitMode;
    const contacts = await this.store.contactsOf(manager, [unitId]);
    const today = osloDate(now);
    const absences = await this.store.absencesOn(
      manager,
      contacts.map((c) => c.id),
      today,
    );
    const rows: Array<{ contact: string; n: number }> = contacts.length
      ? await manager.query(
          `SELECT contact_person_id AS contact, count(*)::int AS n FROM assignment
           WHERE closed_at IS NULL AND contact_person_id = ANY($1::text[]) GROUP BY contact_person_id`,
          [contacts.map((c) => c.id)],
        )
      : [];
    const openLoad = Object.fromEntries(rows.map((r) => [r.contact, r.n]));
    return { holder: pickHolder(unitId, type, contacts, absences, today, { mode, openLoad, exclude }), mode };
  }

  private async reassigned(
    manager: EntityManager,
    a: AssignmentOrmEntity,
    from: string | null,
    to: string | null,
    mode: 'moved' | 'added',
    reasonCode: string,
    reason: string,
    now: Date,
    trace: Trace,
  ): Promise<void> {
    await manager.insert(ReassignmentOrmEntity, {
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
    await this.outbox.write<ReferralReassignedV1>(manager, {
      topic: REFERRAL_REASSIGNED_V1,
      key: a.referralId,
      correlationId: trace.correlationId,
      causationId: trace.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: a.referralId,
        referralType: a.referralType as ReferralType,
        organisationNumber: a.organisationNumber,
        unitId: a.unitId,
        fromContactPersonId: from,
        toContactPersonId: to,
        mode,
        reasonCode,
        reason,
        reassignedAt: now.toISOString(),
      },
    });
    trace.afterCommit(() => this.relay.kick());
  }

  private async unroutable(
    manager: EntityManager,
    e: ReferralSubmittedV1,
    reasonCode: string,
    reason: string,
    now: Date,
    trace: Trace,
  ): Promise<void> {
    const before = await manager.findOneBy(RoutingCaseOrmEntity, { referralId: e.referralId });
    await manager.update(
      RoutingCaseOrmEntity,
      { referralId: e.referralId },
      { status: 'unroutable', reasonCode, reason, decidedAt: now },
    );
    // Still the same gap after a retry: no new event.
    if (before?.status === 'unroutable' && before.reasonCode === reasonCode) return;
    await this.outbox.write<ReferralUnroutableV1>(manager, {
      topic: REFERRAL_UNROUTABLE_V1,
      key: e.referralId,
      correlationId: trace.correlationId,
      causationId: trace.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        reasonCode,
        reason,
        decidedAt: now.toISOString(),
      },
    });
    trace.afterCommit(() => this.relay.kick());
  }

  /** Why the referral went where it did: the case, each unit's decision with its candidates, every move. */
  async explain(manager: EntityManager, referralId: string) {
    const routingCase = await manager.findOneBy(RoutingCaseOrmEntity, { referralId });
    if (!routingCase) return null;
    const assignments = await manager.find(AssignmentOrmEntity, {
      where: { referralId },
      order: { unitId: 'ASC' },
    });
    const moves = await manager.find(ReassignmentOrmEntity, { where: { referralId }, order: { at: 'ASC' } });
    return { routingCase, assignments, moves };
  }
}
