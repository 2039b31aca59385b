import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@overgang/persistence';
import { ReferralType } from '@overgang/contracts';
import { Clock, CLOCK, osloDate } from '@overgang/core';
import { mayRead } from '../../domain/access';
import { erasureOf } from '../../domain/erasure';
import { referralNotFound } from '../../domain/referral.errors';
import { ReferralStatus } from '../../domain/referral-state';
import { nextStepsFor } from '../../domain/steps';
import { personalDataWithheld } from '../../domain/withholding';
import { AttachmentRepository } from '../../infrastructure/attachment.repository';
import { ReferralReadRepository } from '../../infrastructure/referral.read-repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AccessLog, partiesOf } from '../access-log/access-log';
import { ReadReferralQuery } from './read-referral.query';
import {
  attachmentView,
  historyView,
  recipientAnswers,
  recipientView,
  suspensionView,
} from './referral.views';

/**
 * Read side of referrals. A read of personal data runs in one transaction, on its manager only,
 * and is logged in that transaction.
 */
@Injectable()
export class ReferralQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly reads: ReferralReadRepository,
    private readonly attachments: AttachmentRepository,
    private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async details(q: ReadReferralQuery) {
    const p = q.by;
    return inTransaction(this.ds, async (manager) => {
      const loaded = await this.readable(manager, q);
      const { referral: r, recipients, clocks } = loaded;
      const withheld = personalDataWithheld(p, { ...r, recipients });
      if (!withheld) {
        await this.accessLog.record(manager, {
          reader: p,
          action: 'read-details',
          objectType: 'referral',
          objectId: r.id,
          referralId: r.id,
          parties: partiesOf({ ...r, recipients }),
          correlationId: q.correlationId,
        });
      }
      const stops = await this.reads.processingStops(manager, r.id);
      const links = await this.reads.links(manager, r.id);
      const history = await this.reads.history(manager, r.id);
      const attachments = withheld ? [] : await this.attachments.list(manager, r.id);
      return {
        id: r.id,
        type: r.type,
        status: r.status,
        submittedAt: r.createdAt.toISOString(),
        sender: { organisationNumber: r.senderOrganisation, unitId: r.senderUnit, userId: r.senderUser },
        municipalityNumber: r.municipalityNumber,
        anchorDate: r.anchorDate,
        consentId: r.consentId,
        person: withheld || erasureOf(r) ? null : { nationalId: r.personNationalId, name: r.personName },
        details: withheld || erasureOf(r) ? null : r.details,
        personalDataWithheld: withheld,
        personalDataErased: erasureOf(r),
        recipients: recipients.map((rr) => ({
          ...recipientView(rr, clocks),
          ...recipientAnswers(history, rr.unitId, !!withheld || !!erasureOf(r)),
        })),
        routingProblem: r.routingProblemCode
          ? { code: r.routingProblemCode, reason: r.routingProblem }
          : null,
        suspension: suspensionView(r.status, stops),
        possibleDuplicates: links.map((l) => ({
          referralId: l.linkedReferralId,
          reason: l.reason,
          flaggedAt: l.flaggedAt.toISOString(),
        })),
        attachments: attachments.map(attachmentView),
        nextSteps: nextStepsFor(
          {
            ...r,
            type: r.type as ReferralType,
            status: r.status as ReferralStatus,
            recipients,
            today: osloDate(this.clock.now()),
            stopsToConfirm: stops.filter((s) => s.confirmedAt === null).map((s) => s.organisationNumber),
          },
          p,
        ),
      };
    });
  }

  /** The history; its free-text facts are personal data: withheld like the details, and the read logged. */
  async history(q: ReadReferralQuery) {
    return inTransaction(this.ds, async (manager) => {
      const loaded = await this.readable(manager, q);
      const withheld = personalDataWithheld(q.by, { ...loaded.referral, recipients: loaded.recipients });
      const entries = await this.reads.history(manager, q.referralId);
      if (!withheld) {
        await this.accessLog.record(manager, {
          reader: q.by,
          action: 'read-history',
          objectType: 'referral',
          objectId: q.referralId,
          referralId: q.referralId,
          parties: partiesOf({ ...loaded.referral, recipients: loaded.recipients }),
          correlationId: q.correlationId,
        });
      }
      return {
        personalDataWithheld: withheld,
        items: entries.map((h) => historyView(h, !!withheld)),
      };
    });
  }

  /** The referral with its parties, or 404 to anyone who may not read it. */
  private async readable(manager: EntityManager, q: ReadReferralQuery) {
    const loaded = await this.referrals.load(manager, q.referralId);
    if (!loaded || !mayRead(q.by, { ...loaded.referral, recipients: loaded.recipients })) {
      throw referralNotFound();
    }
    return loaded;
  }
}
