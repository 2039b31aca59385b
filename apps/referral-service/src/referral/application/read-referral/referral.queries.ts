import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock } from '@overgang/core';
import { mayRead } from '../../domain/access';
import { referralNotFound } from '../../domain/referral.errors';
import { ReferralType } from '@overgang/contracts';
import { ReferralStatus } from '../../domain/referral-state';
import { stepsAllowed } from '../../domain/steps';
import { personalDataWithheld } from '../../domain/withholding';
import { isSenderSide } from '../../domain/access';
import { AttachmentsService } from '../attachments/attachments.service';
import {
  AccessLogOrmEntity,
  ProcessingStopOrmEntity,
  ReferralLinkOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

const URGENCY: Record<string, number> = { breached: 0, open: 1, paused: 2, met: 3, cancelled: 4 };

function clockView(c: ReferralClockOrmEntity) {
  return { clockId: c.clockId, kind: c.kind, status: c.status, dueAt: c.dueAt.toISOString() };
}

/** The unit's most pressing clock: breached first, then the soonest due. */
function deadlineOf(clocks: ReferralClockOrmEntity[], unitId: string) {
  const mine = clocks
    .filter((k) => k.unitId === unitId)
    .sort(
      (a, b) => (URGENCY[a.status] ?? 9) - (URGENCY[b.status] ?? 9) || a.dueAt.getTime() - b.dueAt.getTime(),
    );
  return mine.length ? clockView(mine[0]) : null;
}

function recipientView(r: ReferralRecipientOrmEntity, clocks: ReferralClockOrmEntity[]) {
  return {
    organisationNumber: r.organisationNumber,
    unitId: r.unitId,
    unitKind: r.unitKind,
    holder: {
      contactPersonId: r.contactPersonId,
      coHolderContactPersonId: r.coHolderContactPersonId,
      assignment: r.assignment,
      reasonCode: r.reasonCode,
      reason: r.reason,
    },
    routedAt: r.routedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    deadline: deadlineOf(clocks, r.unitId),
    deadlines: clocks.filter((k) => k.unitId === r.unitId).map(clockView),
  };
}

/** Read side of referrals. Reads of personal data are logged in the same transaction as the read. */
@Injectable()
export class ReferralQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly attachments: AttachmentsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** What a contact person holds, or their unit holds: ids, dates and deadlines, no personal data. */
  async inbox(p: Principal) {
    const rows: Array<ReferralRecipientOrmEntity & { r: ReferralOrmEntity }> = [];
    const recipients = await this.ds
      .getRepository(ReferralRecipientOrmEntity)
      .createQueryBuilder('rr')
      .where('rr.organisation_number = :org', { org: p.organisationNumber })
      .andWhere(
        '(rr.contact_person_id = :user OR rr.co_holder_contact_person_id = :user OR rr.unit_id = :unit)',
        {
          user: p.userId,
          unit: p.unitId ?? '',
        },
      )
      .getMany();
    if (recipients.length === 0) return { items: [] };
    const ids = [...new Set(recipients.map((r) => r.referralId))];
    const referrals = await this.ds
      .getRepository(ReferralOrmEntity)
      .createQueryBuilder('r')
      .whereInIds(ids)
      .getMany();
    const clocks = await this.ds
      .getRepository(ReferralClockOrmEntity)
      .createQueryBuilder('c')
      .where('c.referral_id IN (:...ids)', { ids })
      .getMany();
    const links = await this.ds
      .getRepository(ReferralLinkOrmEntity)
      .createQueryBuilder('l')
      .where('l.referral_id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(referrals.map((r) => [r.id, r]));
    for (const rr of recipients) {
      const r = byId.get(rr.referralId);
      if (r) rows.push(Object.assign(rr, { r }));
    }
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
    return { items };
  }

  async details(p: Principal, id: string, correlationId: string | null) {
    return this.ds.transaction(async (manager) => {
      const loaded = await this.referrals.load(manager, id);
      if (
        !loaded ||
        !mayRead(p, { senderOrganisation: loaded.referral.senderOrganisation, recipients: loaded.recipients })
      ) {
        throw referralNotFound();
      }
      const { referral: r, recipients, clocks } = loaded;
      const withheld = personalDataWithheld(p, { ...r, recipients });
      if (!withheld) {
        await manager.insert(AccessLogOrmEntity, {
          referralId: r.id,
          userId: p.userId,
          organisationNumber: p.organisationNumber,
          action: 'read-details',
          at: this.clock.now(),
          correlationId,
        });
      }
      const stops = await manager.find(ProcessingStopOrmEntity, {
        where: { referralId: r.id },
        order: { organisationNumber: 'ASC' },
      });
      const links = await manager.find(ReferralLinkOrmEntity, { where: { referralId: r.id } });
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
        person: withheld ? null : { nationalId: r.personNationalId, name: r.personName },
        details: withheld ? null : r.details,
        personalDataWithheld: withheld,
        recipients: recipients.map((rr) => recipientView(rr, clocks)),
        routingProblem: r.routingProblemCode
          ? { code: r.routingProblemCode, reason: r.routingProblem }
          : null,
        suspension:
          r.status === 'suspended' || stops.length > 0
            ? {
                reasonCode: stops[0]?.reasonCode ?? null,
                since: stops[0]?.requestedAt.toISOString() ?? null,
                confirmations: stops.map((s) => ({
                  organisationNumber: s.organisationNumber,
                  confirmedAt: s.confirmedAt?.toISOString() ?? null,
                  confirmedBy: s.confirmedBy,
                })),
                notConfirmed: stops.filter((s) => !s.confirmedAt).map((s) => s.organisationNumber),
              }
            : null,
        possibleDuplicates: links.map((l) => ({
          referralId: l.linkedReferralId,
          reason: l.reason,
          flaggedAt: l.flaggedAt.toISOString(),
        })),
        attachments: withheld ? [] : await this.attachments.list(r.id),
        nextSteps: stepsAllowed(r.type as ReferralType, r.status as ReferralStatus, party),
      };
    });
  }

  /** The history; its free-text facts are personal data: withheld like the details, and the read logged. */
  async history(p: Principal, id: string) {
    const loaded = await this.referrals.load(this.ds.manager, id);
    if (
      !loaded ||
      !mayRead(p, { senderOrganisation: loaded.referral.senderOrganisation, recipients: loaded.recipients })
    ) {
      throw referralNotFound();
    }
    const withheld = personalDataWithheld(p, { ...loaded.referral, recipients: loaded.recipients });
    const entries = await this.ds.getRepository(ReferralHistoryOrmEntity).find({
      where: { referralId: id },
      order: { id: 'ASC' },
    });
    if (!withheld) {
      await this.ds.getRepository(AccessLogOrmEntity).insert({
        referralId: id,
        userId: p.userId,
        organisationNumber: p.organisationNumber,
        action: 'read-history',
        at: this.clock.now(),
        correlationId: null,
      });
    }
    const KEEP = [
      'code',
      'unitId',
      'reasonCode',
      'clockId',
      'kind',
      'rungId',
      'audience',
      'dueAt',
      'linkedReferralId',
    ];
    return {
      personalDataWithheld: withheld,
      items: entries.map((h) => ({
        at: h.at.toISOString(),
        actor: h.actor,
        actorOrganisation: h.actorOrganisation,
        action: h.action,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        facts: withheld
          ? Object.fromEntries(Object.entries(h.facts).filter(([k]) => KEEP.includes(k)))
          : h.facts,
      })),
    };
  }

  /** Who read a referral's personal data: for coordinators of the sender or a recipient. */
  async accessLog(p: Principal, referralId: string) {
    const loaded = await this.referrals.load(this.ds.manager, referralId);
    const parties = loaded && {
      senderOrganisation: loaded.referral.senderOrganisation,
      recipients: loaded.recipients,
    };
    if (!loaded || !parties || !mayRead(p, parties)) throw referralNotFound();
    const entries = await this.ds.getRepository(AccessLogOrmEntity).find({
      where: { referralId },
      order: { id: 'ASC' },
    });
    return {
      items: entries.map((e) => ({
        at: e.at.toISOString(),
        userId: e.userId,
        organisationNumber: e.organisationNumber,
        action: e.action,
        correlationId: e.correlationId,
      })),
    };
  }
}
