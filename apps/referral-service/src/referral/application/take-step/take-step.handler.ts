import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  ANCHOR_CHANGE_REASONS,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  ReferralAnchorDateChangedV1,
  ReferralProgressedV1,
  ReferralType,
} from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { Clock, CLOCK, DomainError, JsonObject, osloDate } from '@overgang/core';
import { OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { authoriseStep } from '../../domain/steps';
import { ReferralStatus, transition } from '../../domain/referral-state';
import {
  AttachmentOrmEntity,
  ProcessingStopOrmEntity,
  ReferralDetails,
  ReferralOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

export type StepInput = Record<string, unknown>;

interface Effect {
  details?: ReferralDetails;
  anchor?: {
    kind: 'expected-release' | 'planned-discharge';
    to: string;
    reasonCode: (typeof ANCHOR_CHANGE_REASONS)[number];
  };
  /** Non-personal code published with the step (an outcome, a reason code). */
  code?: string;
  /** Kept in the referral's history only (free text may hold personal details). */
  facts?: JsonObject;
  /** The step is recorded but the status stays (one of several recipients rejecting). */
  keepStatus?: boolean;
}

const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, 'conflict', details);

/**
 * Every step after submission and acknowledgement: the domain decides who may take it and from
 * which state; this applies it, records it in the history, and publishes it, in one transaction.
 */
@Injectable()
export class TakeStepHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    referralId: string,
    action: string,
    caller: Principal,
    input: StepInput,
    correlationId: string,
  ) {
    const now = this.clock.now();
    return inTransaction(this.ds, async (manager, afterCommit) => {
      const loaded = await this.referrals.load(manager, referralId, true);
      if (!loaded)
        throw new DomainError(
          'REFERRAL.NOT_FOUND',
          'No referral with that id exists, or you may not see it.',
          'not-found',
        );
      const { referral } = loaded;
      const from = referral.status as ReferralStatus;
      const { recipient, to } = authoriseStep(
        action,
        {
          ...referral,
          type: referral.type as ReferralType,
          status: from,
          senderOrganisation: referral.senderOrganisation,
          recipients: loaded.recipients,
        },
        caller,
      );
      const effect = await this.apply(
        manager,
        action,
        referral,
        loaded.recipients,
        input,
        caller,
        recipient?.unitId ?? null,
        now,
      );
      const status = to === from || effect.keepStatus ? from : transition(from, to);
      const changes: Partial<ReferralOrmEntity> = { status, updatedAt: now };
      if (effect.details) changes.details = effect.details;
      if (effect.anchor) changes.anchorDate = effect.anchor.to;
      await manager.update(ReferralOrmEntity, { id: referral.id }, changes);
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
      }
      afterCommit(() => this.relay.kick());
      return { id: referral.id, status, action };
    });
  }

  private async apply(
    manager: EntityManager,
    action: string,
    referral: ReferralOrmEntity,
    recipients: Array<{ unitId: string }>,
    input: StepInput,
    caller: Principal,
    unitId: string | null,
    now: Date,
  ): Promise<Effect> {
    const details = { ...referral.details };
    const today = osloDate(now);
    const text = (k: string) => (typeof input[k] === 'string' ? input[k] : null);
    switch (action) {
      case 'reject': {
        // One recipient saying "not for us" ends the referral only when every recipient has said so.
        const rejectedBy = [
          ...new Set([...((details.rejectedBy as string[] | undefined) ?? []), unitId ?? '']),
        ];
        details.rejectedBy = rejectedBy;
        const all = recipients.every((r) => rejectedBy.includes(r.unitId));
        if (all && referral.type === 'benefit-deduction') details.deductionStatus = 'rejected';
        return { details, code: 'rejected', facts: { reason: text('reason') }, keepStatus: !all };
      }
      case 'withdraw':
      case 'cancel':
        return { facts: { reason: text('reason') } };
      case 'complete':
        return { facts: { note: text('note') } };
      case 'confirm-processing-stopped': {
        const result = await manager.update(
          ProcessingStopOrmEntity,
          { referralId: referral.id, organisationNumber: caller.organisationNumber, confirmedAt: IsNull() },
          { confirmedAt: now, confirmedBy: caller.userId },
        );
        if (!result.affected) {
          throw conflict(
            'REFERRAL.STOP_ALREADY_CONFIRMED',
            'Your organisation has already confirmed that it stopped processing.',
          );
        }
        return { code: 'processing-stopped' };
      }
      case 'change-release-date': {
        const date = input.expectedReleaseDate as string;
        if (date < today) {
          throw new DomainError(
            'REFERRAL.INVALID_DATES',
            'The new release date has already passed.',
            'invalid',
            { field: 'expectedReleaseDate' },
          );
        }
        details.expectedReleaseDate = date;
        const reasonCode = input.reasonCode as 'brought-forward' | 'postponed' | 'corrected';
        return {
          details,
          anchor: { kind: 'expected-release', to: date, reasonCode },
          code: reasonCode,
          facts: { from: referral.anchorDate, to: date, note: text('note') },
        };
      }
      case 'report-housing-outcome': {
        const outcome = input.outcome as string;
        if (outcome === 'no-housing' && !text('reason')) {
          throw new DomainError(
            'REFERRAL.REASON_REQUIRED',
            'Say why no housing could be offered.',
            'invalid',
            { field: 'reason' },
          );
        }
        details.housingOutcome = outcome;
        return { details, code: outcome, facts: { outcome, reason: text('reason'), date: text('date') } };
      }
      case 'mark-released':
        details.releasedOn = today;
        return { details, code: 'released' };
      case 'set-discharge-date': {
        const date = input.plannedDischargeDate as string;
        if (typeof details.admissionDate === 'string' && date < details.admissionDate) {
          throw new DomainError(
            'REFERRAL.INVALID_DATES',
            'The planned discharge date must be on or after the admission date.',
            'invalid',
            {
              field: 'plannedDischargeDate',
            },
          );
        }
        const reasonCode =
          referral.anchorDate === null ? 'set' : date < referral.anchorDate ? 'brought-forward' : 'postponed';
        details.plannedDischargeDate = date;
        return {
          details,
          anchor: { kind: 'planned-discharge', to: date, reasonCode },
          code: reasonCode,
          facts: { from: referral.anchorDate, to: date, note: text('note') },
        };
      }
      case 'mark-discharged':
        details.dischargedOn = today;
        return { details, code: 'discharged' };
      case 'mark-readmitted':
        details.admissionDate = input.admissionDate as string;
        details.readmittedOn = today;
        return { details, code: 'readmitted' };
      case 'mark-left-early':
        details.leftEarlyOn = today;
        return {
          details,
          anchor: { kind: 'planned-discharge', to: today, reasonCode: 'left-early' },
          code: 'left-early',
        };
      case 'confirm-deduction':
        details.deductionStatus = 'confirmed';
        details.firstDeductionDate = input.firstDeductionDate as string;
        return { details, code: 'confirmed' };
      case 'activate-deduction':
        if (details.deductionStatus !== 'confirmed') {
          throw conflict(
            'REFERRAL.DEDUCTION_NOT_CONFIRMED',
            `A deduction that is ${JSON.stringify(details.deductionStatus)} cannot be activated.`,
            {
              deductionStatus: details.deductionStatus,
            },
          );
        }
        details.deductionStatus = 'active';
        return { details, code: 'active' };
      case 'change-amount':
        if (details.deductionStatus !== 'confirmed' && details.deductionStatus !== 'active') {
          throw conflict(
            'REFERRAL.DEDUCTION_NOT_RUNNING',
            'Only a confirmed or active deduction can change amount.',
            {
              deductionStatus: details.deductionStatus,
            },
          );
        }
        details.previousMonthlyAmount = details.monthlyAmount;
        details.monthlyAmount = input.monthlyAmount as number;
        return {
          details,
          code: 'amount-changed',
          facts: { from: details.previousMonthlyAmount, to: details.monthlyAmount },
        };
      case 'stop-deduction':
        details.deductionStatus = 'stopped';
        details.stopReason = input.reasonCode as string;
        return { details, code: input.reasonCode as string };
      case 'request-information':
        if (details.informationRequested === true) {
          throw conflict(
            'REFERRAL.INFORMATION_ALREADY_REQUESTED',
            'More information has already been asked for; wait for the reply.',
          );
        }
        details.informationRequested = true;
        return { details, code: 'information-requested', facts: { question: text('question') } };
      case 'provide-information': {
        if (details.informationRequested !== true) {
          throw conflict('REFERRAL.NO_INFORMATION_REQUESTED', 'No information has been asked for.');
        }
        const attachments = await this.ownAttachments(manager, referral.id, input.attachmentIds);
        details.informationRequested = false;
        return {
          details,
          code: 'information-provided',
          facts: { information: text('information'), attachmentIds: attachments },
        };
      }
      case 'answer-assessment': {
        const attachments = await this.ownAttachments(manager, referral.id, input.attachmentIds);
        details.informationRequested = false;
        details.recommendation = input.recommendation as string;
        details.assessment = text('assessment');
        details.answerAttachmentIds = attachments;
        return {
          details,
          code: input.recommendation as string,
          facts: { unitId, attachmentIds: attachments },
        };
      }
      default:
        throw conflict('REFERRAL.UNKNOWN_STEP', `There is no step ${action}.`);
    }
  }

  /** Attachment ids must belong to this referral. */
  private async ownAttachments(manager: EntityManager, referralId: string, ids: unknown): Promise<string[]> {
    const list = Array.isArray(ids) ? (ids as string[]) : [];
    if (list.length === 0) return [];
    const found = await manager
      .createQueryBuilder(AttachmentOrmEntity, 'a')
      .where('a.referral_id = :referralId AND a.id IN (:...list)', { referralId, list })
      .getCount();
    if (found !== list.length) {
      throw new DomainError(
        'REFERRAL.UNKNOWN_ATTACHMENT',
        'An attachment id does not belong to this referral.',
        'unprocessable',
        {
          field: 'attachmentIds',
        },
      );
    }
    return list;
  }
}
