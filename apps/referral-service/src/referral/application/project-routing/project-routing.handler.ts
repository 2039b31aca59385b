import { Injectable } from '@nestjs/common';
import {
  RecipientMapPublishedV1,
  ReferralReassignedV1,
  ReferralRoutedV1,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { EventContext } from '@overgang/messaging';
import { ReferralStatus, transition } from '../../domain/referral-state';
import { RecipientMapRepository } from '../../infrastructure/recipient-map.repository';
import type { ReferralRecipientOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

const ROUTING = 'routing-service';

/** Projects the routing service's decisions onto referrals: who holds it where. */
@Injectable()
export class ProjectRoutingHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly recipientMaps: RecipientMapRepository,
  ) {}

  async routed(e: ReferralRoutedV1, { manager }: EventContext): Promise<void> {
    const referral = await this.referrals.lock(manager, e.referralId);
    if (!referral) return;
    const at = new Date(e.routedAt);
    for (const r of e.recipients) {
      await this.referrals.upsertRecipient(manager, {
        referralId: e.referralId,
        unitId: r.unitId,
        organisationNumber: r.organisationNumber,
        unitKind: r.unitKind,
        contactPersonId: r.contactPersonId,
        assignment: r.assignment,
        reasonCode: r.reasonCode,
        reason: r.reason,
        routedAt: at,
      });
    }
    const from = referral.status as ReferralStatus;
    const to = from === 'submitted' ? transition(from, 'delivered') : from;
    await this.referrals.update(manager, e.referralId, {
      status: to,
      routingProblemCode: null,
      routingProblem: null,
      updatedAt: at,
    });
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
  }

  /** A holder changed (absence, leaving, silence): both holders see it in the history and the inbox. */
  async reassigned(e: ReferralReassignedV1, { manager }: EventContext): Promise<void> {
    const changes: Partial<ReferralRecipientOrmEntity> =
      e.mode === 'added'
        ? { coHolderContactPersonId: e.toContactPersonId }
        : {
            contactPersonId: e.toContactPersonId,
            reasonCode: e.reasonCode,
            reason: e.reason,
            assignment: e.toContactPersonId ? 'reassigned' : 'unit-queue',
          };
    const found = await this.referrals.updateRecipient(manager, e.referralId, e.unitId, changes);
    if (!found) return;
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.reassignedAt),
      actor: ROUTING,
      actorOrganisation: null,
      action: e.mode === 'added' ? 'holder-added' : 'holder-changed',
      facts: {
        unitId: e.unitId,
        from: e.fromContactPersonId,
        to: e.toContactPersonId,
        reasonCode: e.reasonCode,
        reason: e.reason,
      },
    });
  }

  async unroutable(e: ReferralUnroutableV1, { manager }: EventContext): Promise<void> {
    const found = await this.referrals.update(manager, e.referralId, {
      routingProblemCode: e.reasonCode,
      routingProblem: e.reason,
    });
    if (!found) return;
    await this.referrals.addHistory(manager, {
      referralId: e.referralId,
      at: new Date(e.decidedAt),
      actor: ROUTING,
      actorOrganisation: null,
      action: 'routing-failed',
      facts: { reasonCode: e.reasonCode, reason: e.reason },
    });
  }

  /** Keeps the newest map only; an older one arriving late is ignored. */
  async recipientMap(e: RecipientMapPublishedV1, { manager }: EventContext): Promise<void> {
    const current = await this.recipientMaps.currentVersion(manager);
    if (current !== null && current > e.version) return;
    await this.recipientMaps.replace(manager, e);
  }
}
