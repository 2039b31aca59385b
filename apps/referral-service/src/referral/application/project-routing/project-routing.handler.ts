import { Injectable } from '@nestjs/common';
import { projectDirectory } from '@overgang/auth';
import {
  RecipientMapPublishedV1,
  ReferralReassignedV1,
  ReferralRoutedV1,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { EntityManager } from 'typeorm';
import { EventContext, EventOrder, eventOrder, OutboxWriter } from '@overgang/messaging';
import { ConsentReader } from '../../../consent/application/read-consent/consent.reader';
import { ReferralDetails } from '../../domain/referral-details';
import { ReferralStatus, transition } from '../../domain/referral-state';
import type { ReferralOrmEntity } from '../../infrastructure/referral.orm-entity';
import {
  ReassignOutcome,
  RecipientProjectionRepository,
} from '../../infrastructure/recipient-projection.repository';
import { RecipientMapRepository } from '../../infrastructure/recipient-map.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { writeWithholdEvents } from '../suspend-referrals/withhold-events';

const ROUTING = 'routing-service';

/** Projects the routing service's decisions onto referrals: who holds it where. */
@Injectable()
export class ProjectRoutingHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly projection: RecipientProjectionRepository,
    private readonly recipientMaps: RecipientMapRepository,
    private readonly consents: ConsentReader,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Each recipient's holder is set unless a newer routing event (a move) set it already; a move that
   * arrived before this routing is applied after it, so the move wins either way. A later routing of
   * a parked part adds its recipients to the ones routed before; it never replaces them.
   */
  async routed(e: ReferralRoutedV1, { manager, envelope }: EventContext): Promise<void> {
    const referral = await this.referrals.lock(manager, e.referralId);
    if (!referral) return;
    const at = new Date(e.routedAt);
    const order = eventOrder(envelope, at);
    await this.addRecipientOrganisations(manager, referral, e, at);
    for (const r of e.recipients) {
      await this.projection.routed(
        manager,
        {
          referralId: e.referralId,
          unitId: r.unitId,
          organisationNumber: r.organisationNumber,
          unitKind: r.unitKind,
          contactPersonId: r.contactPersonId,
          assignment: r.assignment,
          reasonCode: r.reasonCode,
          reason: r.reason,
          routedAt: at,
        },
        order,
      );
    }
    await this.projection.routingOutcome(manager, e.referralId, { code: null, text: null }, order);
    // Delivery only ever moves a referral forward, so an older routing may still deliver it.
    const from = referral.status as ReferralStatus;
    const to = from === 'submitted' ? transition(from, 'delivered') : from;
    if (to !== from) await this.referrals.update(manager, e.referralId, { status: to, updatedAt: at });
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at,
      actor: ROUTING,
      actorOrganisation: null,
      action: 'routed',
      fromStatus: from,
      toStatus: to,
      facts: {
        recipients: e.recipients.map((r) => ({
          unitId: r.unitId,
          contactPersonId: r.contactPersonId,
          assignment: r.assignment,
          reasonCode: r.reasonCode,
        })),
      },
    });
    for (const pending of await this.projection.takePendingReassignments(manager, e.referralId)) {
      await this.applyReassignment(manager, pending.reassignment, pending.order);
    }
    // A parked part routed after the consent was withdrawn for its organisation: its clocks wait.
    const withheld = Array.isArray(referral.details.withheldFrom) ? referral.details.withheldFrom : [];
    await writeWithholdEvents(
      this.outbox,
      manager,
      { ...referral, status: to },
      e.recipients.filter((r) => withheld.includes(r.organisationNumber)).map((r) => r.unitId),
      // The withdrawal came from the consent's registrar, on the sending side.
      {
        organisationNumber: referral.senderOrganisation,
        correlationId: envelope.correlationId,
        causationId: envelope.id,
      },
      at,
    );
  }

  /**
   * A holder changed (absence, leaving, silence): both holders see it in the history and the inbox.
   * An older move than the one applied is history only; one that overtook its routing waits for it.
   */
  async reassigned(e: ReferralReassignedV1, { manager, envelope }: EventContext): Promise<void> {
    const referral = await this.referrals.lock(manager, e.referralId);
    if (!referral) return;
    const order = eventOrder(envelope, e.reassignedAt);
    const outcome = await this.applyReassignment(manager, e, order);
    if (outcome === 'missing') await this.projection.rememberReassignment(manager, envelope.id, e, order);
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.reassignedAt),
      // A coordinator's assignment is theirs on the record; a rule's move is the routing service's.
      actor: e.assignedByUserId ?? ROUTING,
      actorOrganisation: e.assignedByUserId ? e.organisationNumber : null,
      action: e.mode === 'added' ? 'holder-added' : 'holder-changed',
      facts: {
        unitId: e.unitId,
        from: e.fromContactPersonId,
        to: e.toContactPersonId,
        reasonCode: e.reasonCode,
        reason: e.reason,
        ...(e.assignedByUserId ? { assignedBy: e.assignedByUserId } : {}),
      },
    });
  }

  /**
   * A part parked at intake had no organisation for the consent check; routing gives it only to one
   * the consent named. It joins the referral's recipients, so a later withdrawal reaches it too; one
   * the person has withdrawn the consent for since reads no personal details.
   */
  private async addRecipientOrganisations(
    manager: EntityManager,
    referral: ReferralOrmEntity,
    e: ReferralRoutedV1,
    at: Date,
  ): Promise<void> {
    const added = [...new Set(e.recipients.map((r) => r.organisationNumber))].filter(
      (o) => !referral.recipientOrganisations.includes(o),
    );
    if (added.length === 0) return;
    const consent = await this.consents.holdEffective(manager, referral.consentId);
    const withdrawn = added.filter((o) => !consent?.receivingOrganisations.includes(o));
    const before = Array.isArray(referral.details.withheldFrom) ? referral.details.withheldFrom : [];
    const details: ReferralDetails =
      withdrawn.length > 0
        ? { ...referral.details, withheldFrom: [...before, ...withdrawn] }
        : referral.details;
    const recipientOrganisations = [...referral.recipientOrganisations, ...added];
    await this.referrals.update(manager, referral.id, { recipientOrganisations, details });
    Object.assign(referral, { recipientOrganisations, details });
    if (withdrawn.length === 0) return;
    await this.referrals.addHistory(manager, {
      referralId: referral.id,
      at,
      actor: ROUTING,
      actorOrganisation: null,
      action: 'withheld-from-recipients',
      fromStatus: referral.status,
      toStatus: referral.status,
      facts: {
        reasonCode: 'CONSENT_WITHDRAWN',
        consentId: referral.consentId,
        organisationNumbers: withdrawn,
      },
    });
  }

  async unroutable(e: ReferralUnroutableV1, { manager, envelope }: EventContext): Promise<void> {
    const referral = await this.referrals.lock(manager, e.referralId);
    if (!referral) return;
    await this.projection.routingOutcome(
      manager,
      e.referralId,
      { code: e.reasonCode, text: e.reason },
      eventOrder(envelope, e.decidedAt),
    );
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.decidedAt),
      actor: ROUTING,
      actorOrganisation: null,
      action: 'routing-failed',
      facts: {
        reasonCode: e.reasonCode,
        reason: e.reason,
        ...(e.unitKinds ? { unitKinds: e.unitKinds } : {}),
        ...(e.partial !== undefined ? { partial: e.partial } : {}),
      },
    });
  }

  private applyReassignment(
    manager: EntityManager,
    e: ReferralReassignedV1,
    order: EventOrder,
  ): Promise<ReassignOutcome> {
    return e.mode === 'added'
      ? this.projection.addCoHolder(manager, e.referralId, e.unitId, e.toContactPersonId, order)
      : this.projection.moveHolder(
          manager,
          e.referralId,
          e.unitId,
          {
            contactPersonId: e.toContactPersonId,
            reasonCode: e.reasonCode,
            reason: e.reason,
            assignment: e.toContactPersonId ? 'reassigned' : 'unit-queue',
          },
          order,
        );
  }

  /**
   * Keeps the newest map only; an older one arriving late is ignored. Its organisations and units
   * are what every caller of this service is checked against.
   */
  async recipientMap(e: RecipientMapPublishedV1, { manager }: EventContext): Promise<void> {
    await projectDirectory(manager, e);
    const current = await this.recipientMaps.currentVersion(manager);
    if (current !== null && current > e.version) return;
    await this.recipientMaps.replace(manager, e);
  }
}
