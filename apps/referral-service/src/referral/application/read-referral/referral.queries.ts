import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { inTransaction } from '@overgang/persistence';
import { ReferralType } from '@overgang/contracts';
import { isSenderSide, mayRead } from '../../domain/access';
import { erasureOf } from '../../domain/erasure';
import { referralNotFound } from '../../domain/referral.errors';
import { ReferralStatus } from '../../domain/referral-state';
import { stepsAllowed } from '../../domain/steps';
import { personalDataWithheld } from '../../domain/withholding';
import { AttachmentRepository } from '../../infrastructure/attachment.repository';
import { ReferralReadRepository } from '../../infrastructure/referral.read-repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AccessLog, partiesOf } from '../access-log/access-log';
import { ReadReferralQuery } from './read-referral.query';
import { attachmentView, deadlineOf, historyView, recipientView, suspensionView } from './referral.views';

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
  ) {}

  /** What a contact person holds, or their unit holds: ids, dates and deadlines; the listing is logged. */
  async inbox(p: Principal, correlationId: string) {
    const { recipients, referrals, clocks, links } = await this.reads.holdings(this.ds.manager, p);
    const byId = new Map(referrals.map((r) => [r.id, r]));
    const rows = recipients.flatMap((rr) => {
      const r = byId.get(rr.referralId);
      return r ? [Object.assign(rr, { r })] : [];
    });
    const items = rows.map((row) => ({
      id: row.r.id,
      type: row.r.type,
      status: row.r.status,
      senderOrganisationNumber: row.r.senderOrganisation,
      municipalityNumber: row.r.municipalityNumber,
      anchorDate: row.r.anchorDate,
      receivedAt: row.routedAt.toISOString(),
      unitId: row.unitId,
      holder: {
        contactPersonId: row.contactPersonId,
        coHolderContactPersonId: row.coHolderContactPersonId,
        assignment: row.assignment,
        heldByMe: row.contactPersonId === p.userId || row.coHolderContactPersonId === p.userId,
      },
      acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      possibleDuplicates: links.filter((l) => l.referralId === row.r.id).map((l) => l.linkedReferralId),
      deadline: deadlineOf(
        clocks.filter((c) => c.referralId === row.r.id),
        row.unitId,
      ),
    }));
    items.sort((a, b) => (a.deadline?.dueAt ?? '9999').localeCompare(b.deadline?.dueAt ?? '9999'));
    if (items.length > 0) {
      // One statement after the read (which holds no transaction): the listing and what it showed.
      await this.accessLog.record(this.ds.manager, {
        reader: p,
        action: 'list-inbox',
        objectType: 'inbox',
        objectId: p.unitId ?? p.userId,
        subjectIds: items.map((i) => i.id),
        parties: [p.organisationNumber, ...items.map((i) => i.senderOrganisationNumber)],
        correlationId,
      });
    }
    return { items };
  }

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
      const attachments = withheld ? [] : await this.attachments.list(manager, r.id);
      const party = isSenderSide(p, { ...r, recipients }) ? 'sender' : 'recipient';
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
        recipients: recipients.map((rr) => recipientView(rr, clocks)),
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
        nextSteps: stepsAllowed(r.type as ReferralType, r.status as ReferralStatus, party),
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
