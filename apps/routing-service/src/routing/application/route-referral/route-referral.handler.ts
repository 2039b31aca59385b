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
import { RoutingPartRepository } from '../../infrastructure/routing-part.repository';
import { holderOrGap, PartyHolder, partsOf, receivingPartyFor } from '../../domain/receiving-parties';
import { gapSummary, isNewParking, ParkedGap, pendingParts, statusAfter } from '../../domain/routing-parts';
import { HolderPicker } from '../holder-picker';
import { RoutingTx } from '../routing-tx';

/**
 * Decides who receives a submitted referral, part by part (one part per receiving unit kind): the
 * party by the municipality, the holder in its unit. The parts that can be routed go at once; a
 * part the directory cannot place is parked with the hub's coordinators with the exact reason, and
 * routed again after every directory change until it can be. A referral is never lost, and a part
 * once routed is never routed again.
 */
@Injectable()
export class RouteReferralHandler {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly assignments: AssignmentRepository,
    private readonly parts: RoutingPartRepository,
    private readonly picker: HolderPicker,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A submission seen again under a new id (a retry upstream, a replay) routes nothing again: routing
   * anew would name a holder the earlier routing and its moves have since replaced. Only its parked
   * parts are routed again. The case is locked, so a redelivery and a directory change take turns.
   */
  async handle(e: ReferralSubmittedV1, ctx: EventContext): Promise<void> {
    await this.assignments.openCase(ctx.manager, e, this.clock.now());
    const known = await this.assignments.lockCase(ctx.manager, e.referralId);
    if (known && !['routing', 'unroutable', 'partly-routed'].includes(known.status)) return;
    return this.route(known?.submitted ?? e, ctx);
  }

  /** Routes again the parked parts of every referral waiting, after a directory change. */
  async retryUnroutable(tx: RoutingTx): Promise<number> {
    const waiting = await this.assignments.lockWaiting(tx.manager);
    for (const c of waiting) await this.route(c.submitted, tx);
    return waiting.length;
  }

  private async route(e: ReferralSubmittedV1, tx: RoutingTx): Promise<void> {
    const { manager } = tx;
    const now = this.clock.now();
    const before = await this.parts.partsOf(manager, e.referralId);
    const kinds = partsOf(e);
    const pending = pendingParts(kinds, before);
    const snapshot = await this.directory.snapshotFor(manager, e.municipalityNumber);

    const routed: PartyHolder[] = [];
    const gaps: ParkedGap[] = [];
    for (const unitKind of pending) {
      const found = receivingPartyFor(snapshot, e, unitKind);
      if (!found.ok) {
        gaps.push({ unitKind, code: found.code, reason: found.reason });
        continue;
      }
      const { party } = found;
      const picked = holderOrGap({
        party,
        ...(await this.picker.pick(manager, party.unitId, e.referralType, now)),
      });
      if (picked.ok) routed.push(picked.holder);
      else gaps.push({ unitKind, code: picked.code, reason: picked.reason });
    }

    for (const holder of routed) await this.assign(e, holder, now, tx);
    for (const gap of gaps) await this.parts.park(manager, e.referralId, gap, now);
    const routedParts = kinds.length - gaps.length;
    const status = statusAfter(gaps.length, routedParts);
    if (status === 'routed') await this.assignments.markRouted(manager, e.referralId, now);
    else {
      const { reasonCode, reason } = gapSummary(gaps);
      await this.assignments.markParked(manager, e.referralId, status, reasonCode, reason, now);
    }
    if (routed.length > 0) await this.publishRouted(e, routed, now, tx);
    // A routed event clears the problem the sender sees, so parts still parked are announced after it.
    if (gaps.length > 0 && (routed.length > 0 || isNewParking(before, gaps))) {
      await this.publishParked(e, gaps, routedParts > 0, now, tx);
    }
  }

  private async assign(e: ReferralSubmittedV1, picked: PartyHolder, now: Date, tx: RoutingTx): Promise<void> {
    const { party, holder, mode } = picked;
    await this.assignments.assign(tx.manager, {
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
    await this.parts.routed(tx.manager, e.referralId, party.unitKind, party.unitId, now);
  }

  /** Only the parts routed now: a holder routed earlier is never named again, so never changed. */
  private async publishRouted(
    e: ReferralSubmittedV1,
    routed: PartyHolder[],
    now: Date,
    tx: RoutingTx,
  ): Promise<void> {
    await this.outbox.write<ReferralRoutedV1>(tx.manager, {
      topic: REFERRAL_ROUTED_V1,
      key: e.referralId,
      correlationId: tx.correlationId,
      causationId: tx.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        recipients: routed.map(({ party, holder }) => ({
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

  private async publishParked(
    e: ReferralSubmittedV1,
    gaps: ParkedGap[],
    partial: boolean,
    now: Date,
    tx: RoutingTx,
  ): Promise<void> {
    await this.outbox.write<ReferralUnroutableV1>(tx.manager, {
      topic: REFERRAL_UNROUTABLE_V1,
      key: e.referralId,
      correlationId: tx.correlationId,
      causationId: tx.causationId ?? null,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        ...gapSummary(gaps),
        decidedAt: now.toISOString(),
        unitKinds: gaps.map((g) => g.unitKind),
        partial,
      },
    });
  }
}
