import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  ReferralAnchorDateChangedV1,
  ReferralProgressedV1,
  ReferralStepAction,
  ReferralType,
} from '@overgang/contracts';
import { Clock, CLOCK, DomainError, osloDate } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { ConsentReader } from '../../../consent/application/read-consent/consent.reader';
import { consentRefusal } from '../../../consent/domain/consent';
import { inTransaction } from '@overgang/persistence';
import { ReferralStatus, stepTransition } from '../../domain/referral-state';
import { authoriseStep } from '../../domain/steps';
import { AttachmentRepository } from '../../infrastructure/attachment.repository';
import type { ReferralOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { HousingSituationCounter } from '../housing-statistics/housing-situation.counter';
import { StepAppliers, StepApplier, StepContext } from './step-effect';
import { ASSESSMENT_STEPS } from './steps/assessment.steps';
import { DEDUCTION_STEPS } from './steps/deduction.steps';
import { DISCHARGE_STEPS } from './steps/discharge.steps';
import { ENDING_STEPS } from './steps/ending.steps';
import { NAV_STEPS } from './steps/nav.steps';
import { RELEASE_STEPS } from './steps/release.steps';
import { StepInputs, TakeStepCommand } from './take-step.command';

/** Every step action has its applier: a step added to the contracts fails the compiler here. */
const APPLIERS: StepAppliers<ReferralStepAction> = {
  ...ENDING_STEPS,
  ...RELEASE_STEPS,
  ...DISCHARGE_STEPS,
  ...DEDUCTION_STEPS,
  ...ASSESSMENT_STEPS,
  ...NAV_STEPS,
};

function applyStep<A extends ReferralStepAction>(action: A, ctx: StepContext, input: StepInputs[A]) {
  const apply: StepApplier<A> = APPLIERS[action];
  return apply(ctx, input);
}

/**
 * Every step after submission and acknowledgement: the domain decides who may take it and from
 * which state; this applies it, records it in the history, and publishes it, in one transaction.
 */
@Injectable()
export class TakeStepHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly attachments: AttachmentRepository,
    private readonly consents: ConsentReader,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly housing: HousingSituationCounter,
  ) {}

  async execute<A extends ReferralStepAction>(cmd: TakeStepCommand<A>) {
    const { action, by: caller, correlationId } = cmd;
    const now = this.clock.now();
    return inTransaction(this.ds, async (manager) => {
      const loaded = await this.referrals.load(manager, cmd.referralId, true);
      if (!loaded)
        throw new DomainError(
          'REFERRAL.NOT_FOUND',
          'No referral with that id exists, or you may not see it.',
          'not-found',
        );
      const { referral } = loaded;
      const from = referral.status as ReferralStatus;
      const today = osloDate(now);
      const { recipient, to } = authoriseStep(
        action,
        {
          ...referral,
          type: referral.type as ReferralType,
          status: from,
          senderOrganisation: referral.senderOrganisation,
          recipients: loaded.recipients,
          today,
        },
        caller,
      );
      const effect = await applyStep(
        action,
        {
          referral,
          details: { ...referral.details },
          recipients: loaded.recipients,
          caller,
          unitId: recipient?.unitId ?? null,
          now,
          today,
          store: {
            confirmProcessingStopped: () =>
              this.referrals.confirmProcessingStopped(
                manager,
                referral.id,
                caller.organisationNumber,
                caller.userId,
                now,
              ),
            countAttachments: (ids) => this.attachments.countOf(manager, referral.id, ids),
            consentRefusal: async () =>
              consentRefusal(await this.consents.holdEffective(manager, referral.consentId), {
                personNationalId: referral.personNationalId ?? '',
                purpose: referral.purpose,
                recipients: referral.recipientOrganisations,
                today,
                sender: referral.senderOrganisation,
              }),
          },
        },
        cmd.input,
      );
      const target = effect.keepStatus ? from : (effect.status ?? to);
      const status = target === from ? from : stepTransition(action, from, target);
      const changes: Partial<ReferralOrmEntity> = { status, updatedAt: now };
      if (effect.details) changes.details = effect.details;
      if (effect.anchor) changes.anchorDate = effect.anchor.to;
      await this.referrals.update(manager, referral.id, changes);
      await this.referrals.addHistory(manager, {
        referralId: referral.id,
        at: now,
        actor: caller.userId,
        actorOrganisation: caller.organisationNumber,
        action,
        fromStatus: from,
        toStatus: status,
        facts: {
          ...(recipient ? { unitId: recipient.unitId } : {}),
          ...(effect.code ? { code: effect.code } : {}),
          ...effect.facts,
        },
      });
      await this.outbox.write<ReferralProgressedV1>(manager, {
        topic: REFERRAL_PROGRESSED_V1,
        key: referral.id,
        correlationId,
        occurredAt: now,
        payload: {
          referralId: referral.id,
          referralType: referral.type as ReferralType,
          action,
          fromStatus: from,
          toStatus: status,
          actorOrganisationNumber: caller.organisationNumber,
          recipientUnitId: recipient?.unitId ?? null,
          code: effect.code ?? null,
          at: now.toISOString(),
        },
      });
      if (effect.anchor) {
        await this.outbox.write<ReferralAnchorDateChangedV1>(manager, {
          topic: REFERRAL_ANCHOR_DATE_CHANGED_V1,
          key: referral.id,
          correlationId,
          occurredAt: now,
          payload: {
            referralId: referral.id,
            referralType: referral.type as ReferralType,
            anchorKind: effect.anchor.kind,
            from: referral.anchorDate,
            to: effect.anchor.to,
            reasonCode: effect.anchor.reasonCode,
            changedAt: now.toISOString(),
          },
        });
        await this.housing.anchorMoved(manager, referral.id, effect.anchor.to);
      }
      return { id: referral.id, status, action };
    });
  }
}
