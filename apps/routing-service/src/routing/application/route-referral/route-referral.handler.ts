import { Inject, Injectable } from '@nestjs/common';
import {
  REFERRAL_ROUTED_V1,
  REFERRAL_UNROUTABLE_V1,
  ReferralRoutedV1,
  ReferralSubmittedV1,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { CLOCK, Clock, osloDate } from '@overgang/core';
import { EventContext, OutboxWriter } from '@overgang/messaging';
import { DirectoryReader } from '../../../directory/application/directory-reader';
import { AssignmentRepository } from '../../infrastructure/assignment.repository';
import { holdersOrGap, PartyHolder, receivingPartiesFor } from '../../domain/receiving-parties';
import { isNewGap } from '../../domain/routing-case';
import { HolderPicker } from '../holder-picker';
import { RoutingTx } from '../routing-tx';

/**
 * Decides who receives a submitted referral: the parties by the municipality, the holder in each
 * unit. A referral is never lost: a gap sends it to the hub's coordinators with the exact reason,
 * and it is routed again after every directory change until it can be.
 */
@Injectable()
export class RouteReferralHandler {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly assignments: AssignmentRepository,
    private readonly picker: HolderPicker,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A submission seen again under a new id (a retry upstream, a replay) routes nothing again: routing
   * anew would name a holder the earlier routing and its moves have since replaced. Only a referral
   * still waiting for the directory is routed again.
   */
  async handle(e: ReferralSubmittedV1, ctx: EventContext): Promise<void> {
    const known = await this.assignments.case(ctx.manager, e.referralId);
    if (known && known.status !== 'unroutable') return;
    return this.route(e, ctx);
  }

  /** Routes again every referral the directory could not route, after a directory change. */
  async retryUnroutable(tx: RoutingTx): Promise<number> {
    const waiting = await this.assignments.lockUnroutable(tx.manager);
    for (const c of waiting) await this.route(c.submitted, tx);
    return waiting.length;
  }

  private async route(e: ReferralSubmittedV1, tx: RoutingTx): Promise<void> {
    const { manager } = tx;
    const now = this.clock.now();
    await this.assignments.openCase(manager, e, now);
    const snapshot = await this.directory.snapshotFor(manager, e.municipalityNumber);
    const resolution = receivingPartiesFor(snapshot, e);
    if (!resolution.ok) return this.unroutable(e, resolution.code, resolution.reason, now, tx);

    const picked: PartyHolder[] = [];
    for (const party of resolution.parties) {
      picked.push({ party, ...(await this.picker.pick(manager, party.unitId, e.referralType, now)) });
    }
    const decision = holdersOrGap(picked);
    if (!decision.ok) return this.unroutable(e, decision.code, decision.reason, now, tx);

    for (const { party, holder, mode } of decision.holders) {
      await this.assignments.assign(manager, {
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
      });
    }
    await this.assignments.markRouted(manager, e.referralId, now);
    await this.outbox.write<ReferralRoutedV1>(manager, {
      topic: REFERRAL_ROUTED_V1,
      key: e.referralId,
      correlationId: tx.correlationId,
      causationId: tx.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        recipients: decision.holders.map(({ party, holder }) => ({
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
  }

  private async unroutable(
    e: ReferralSubmittedV1,
    reasonCode: string,
    reason: string,
    now: Date,
    tx: RoutingTx,
  ): Promise<void> {
    const before = await this.assignments.case(tx.manager, e.referralId);
    await this.assignments.markUnroutable(tx.manager, e.referralId, reasonCode, reason, now);
    if (!isNewGap(before, reasonCode)) return;
    await this.outbox.write<ReferralUnroutableV1>(tx.manager, {
      topic: REFERRAL_UNROUTABLE_V1,
      key: e.referralId,
      correlationId: tx.correlationId,
      causationId: tx.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        reasonCode,
        reason,
        decidedAt: now.toISOString(),
      },
    });
  }
}
