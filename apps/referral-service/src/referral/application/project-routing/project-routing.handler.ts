import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  RecipientMapPublishedV1,
  ReferralReassignedV1,
  ReferralRoutedV1,
  ReferralUnroutableV1,
} from '@overgang/contracts';
import { ReferralStatus, transition } from '../../domain/referral-state';
import {
  KnownInstitutionOrmEntity,
  RecipientMapOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

const ROUTING = 'routing-service';

/** Projects the routing service's decisions onto referrals: who holds it where. */
@Injectable()
export class ProjectRoutingHandler {
  constructor(private readonly referrals: ReferralRepository) {}

  async routed(manager: EntityManager, e: ReferralRoutedV1): Promise<void> {
    const referral = await manager.findOne(ReferralOrmEntity, {
      where: { id: e.referralId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!referral) return;
    const at = new Date(e.routedAt);
    for (const r of e.recipients) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReferralRecipientOrmEntity)
        .values({
          referralId: e.referralId,
          unitId: r.unitId,
          organisationNumber: r.organisationNumber,
          unitKind: r.unitKind,
          contactPersonId: r.contactPersonId,
          assignment: r.assignment,
          reasonCode: r.reasonCode,
          reason: r.reason,
          routedAt: at,
        })
        .orUpdate(
          ['contact_person_id', 'assignment', 'reason_code', 'reason', 'routed_at'],
          ['referral_id', 'unit_id'],
        )
        .execute();
    }
    const from = referral.status as ReferralStatus;
    const to = from === 'submitted' ? transition(from, 'delivered') : from;
    await manager.update(
      ReferralOrmEntity,
      { id: e.referralId },
      { status: to, routingProblemCode: null, routingProblem: null, updatedAt: at },
    );
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
  async reassigned(manager: EntityManager, e: ReferralReassignedV1): Promise<void> {
    const changes: Partial<ReferralRecipientOrmEntity> =
      e.mode === 'added'
        ? { coHolderContactPersonId: e.toContactPersonId }
        : {
            contactPersonId: e.toContactPersonId,
            reasonCode: e.reasonCode,
            reason: e.reason,
            assignment: e.toContactPersonId ? 'reassigned' : 'unit-queue',
          };
    const result = await manager.update(
      ReferralRecipientOrmEntity,
      { referralId: e.referralId, unitId: e.unitId },
      changes,
    );
    if (!result.affected) return;
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

  async unroutable(manager: EntityManager, e: ReferralUnroutableV1): Promise<void> {
    const result = await manager.update(
      ReferralOrmEntity,
      { id: e.referralId },
      { routingProblemCode: e.reasonCode, routingProblem: e.reason },
    );
    if (!result.affected) return;
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
  async recipientMap(manager: EntityManager, e: RecipientMapPublishedV1): Promise<void> {
    const [{ current }] = await manager.query<Array<{ current: number | null }>>(
      `SELECT max(version) AS current FROM recipient_map`,
    );
    if (current !== null && Number(current) > e.version) return;
    await manager.query(`DELETE FROM recipient_map`);
    await manager.query(`DELETE FROM known_institution`);
    if (e.institutions?.length) {
      await manager.insert(
        KnownInstitutionOrmEntity,
        e.institutions.map((i) => ({ unitId: i.unitId, organisationNumber: i.organisationNumber })),
      );
    }
    if (e.entries.length === 0) return;
    await manager.insert(
      RecipientMapOrmEntity,
      e.entries.map((entry) => ({
        referralType: entry.referralType,
        municipalityNumber: entry.municipalityNumber,
        recipients: entry.recipients.map((r) => ({
          organisationNumber: r.organisationNumber,
          unitId: r.unitId,
          unitKind: r.unitKind,
        })),
        version: e.version,
      })),
    );
  }
}
