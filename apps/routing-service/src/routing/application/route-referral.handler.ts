import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  receivingUnitKinds,
  REFERRAL_ROUTED_V1,
  REFERRAL_UNROUTABLE_V1,
  ReferralRoutedV1,
  ReferralSubmittedV1,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { Clock, osloDate } from '@overgang/core';
import { HandlerContext, OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { CLOCK } from '../../clock.provider';
import { DirectoryStore } from '../../directory/application/directory.store';
import { pickHolder, resolveParties } from '../../directory/domain/directory';
import { AssignmentOrmEntity, UnroutableReferralOrmEntity } from '../infrastructure/assignment.orm-entity';

/**
 * Decides who receives a submitted referral: the receiving parties by municipality, then the
 * holder in each unit. A gap in the directory is never a lost referral: it is recorded for the
 * hub's coordinators with the exact reason.
 */
@Injectable()
export class RouteReferralHandler {
  constructor(
    private readonly store: DirectoryStore,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(e: ReferralSubmittedV1, ctx: HandlerContext): Promise<void> {
    const { manager } = ctx;
    const now = this.clock.now();
    const kinds = e.receivingUnitKinds ?? receivingUnitKinds(e.referralType);
    const snapshot = await this.store.snapshot(manager);
    const resolution = resolveParties(snapshot, e.referralType, e.municipalityNumber, kinds);
    if (!resolution.ok) return this.unroutable(manager, ctx, e, resolution.code, resolution.reason, now);

    const uncovered = resolution.parties.filter(
      (p) => !e.consentedRecipientOrganisationNumbers.includes(p.organisationNumber),
    );
    if (uncovered.length > 0) {
      const orgs = uncovered.map((p) => p.organisationNumber).join(', ');
      return this.unroutable(
        manager,
        ctx,
        e,
        'ROUTING.CONSENT_DOES_NOT_COVER',
        `The directory now routes to ${orgs}, which the consent does not cover.`,
        now,
      );
    }

    const today = osloDate(now);
    const unitIds = resolution.parties.map((p) => p.unitId);
    const contacts = await this.store.contactsOf(manager, unitIds);
    const absences = await this.store.absencesOn(
      manager,
      contacts.map((c) => c.id),
      today,
    );
    const recipients = resolution.parties.map((party) => ({
      ...party,
      ...pickHolder(party.unitId, e.referralType, contacts, absences, today),
    }));
    for (const r of recipients) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AssignmentOrmEntity)
        .values({
          referralId: e.referralId,
          unitId: r.unitId,
          referralType: e.referralType,
          organisationNumber: r.organisationNumber,
          contactPersonId: r.contactPersonId,
          assignment: r.assignment,
          reasonCode: r.reasonCode,
          reason: r.reason,
          decidedAt: now,
        })
        .orIgnore()
        .execute();
    }
    await manager.delete(UnroutableReferralOrmEntity, { referralId: e.referralId });
    await this.outbox.write<ReferralRoutedV1>(manager, {
      topic: REFERRAL_ROUTED_V1,
      key: e.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        recipients,
        senderOrganisationNumber: e.senderOrganisationNumber,
        anchorDate: e.anchorDate ?? null,
        routedAt: now.toISOString(),
      },
    });
    ctx.afterCommit(() => this.relay.kick());
  }

  private async unroutable(
    manager: EntityManager,
    ctx: HandlerContext,
    e: ReferralSubmittedV1,
    reasonCode: string,
    reason: string,
    now: Date,
  ): Promise<void> {
    await manager.save(UnroutableReferralOrmEntity, {
      referralId: e.referralId,
      referralType: e.referralType,
      municipalityNumber: e.municipalityNumber,
      reasonCode,
      reason,
      decidedAt: now,
    });
    await this.outbox.write<ReferralUnroutableV1>(manager, {
      topic: REFERRAL_UNROUTABLE_V1,
      key: e.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      occurredAt: now,
      payload: {
        referralId: e.referralId,
        referralType: e.referralType,
        reasonCode,
        reason,
        decidedAt: now.toISOString(),
      },
    });
    ctx.afterCommit(() => this.relay.kick());
  }
}
