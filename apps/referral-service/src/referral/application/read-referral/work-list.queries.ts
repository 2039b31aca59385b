import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { inTransaction } from '@overgang/persistence';
import { validateNationalId } from '@overgang/norway';
import { mayRead } from '../../domain/access';
import { erasureOf } from '../../domain/erasure';
import { personalDataWithheld } from '../../domain/withholding';
import type {
  ReferralClockOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from '../../infrastructure/referral.orm-entity';
import {
  ReferralReadRepository,
  WorkListFilter,
  WorkListRow,
} from '../../infrastructure/referral.read-repository';
import { AccessEntry, AccessLog, partiesOf } from '../access-log/access-log';
import { clockView, deadlineOf } from './referral.views';

export type WorkListSide = 'inbox' | 'sent';

/** A list query, as the caller asked for it. */
export interface WorkListQuery {
  by: Principal;
  correlationId: string;
  filter: WorkListFilter;
}

/** The year of birth from a fødselsnummer or D-number (null when it cannot be read). */
export function birthYearOf(nationalId: string): number | null {
  const v = validateNationalId(nationalId);
  return v.valid ? Number(v.birthDate.slice(0, 4)) : null;
}

/**
 * The work lists: what a caseworker's unit or the caseworker holds (the inbox), and what a sender's
 * unit sent. Filtered, sorted by the next due deadline and paged in SQL; the page's referrals are
 * then loaded in four statements, and the person's name and birth year opened only for rows the
 * caller may read and that are not withheld. Every row shown is an access log entry, written in the
 * read's transaction.
 */
@Injectable()
export class WorkListQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly reads: ReferralReadRepository,
    private readonly accessLog: AccessLog,
  ) {}

  list(side: WorkListSide, q: WorkListQuery) {
    const p = q.by;
    return inTransaction(this.ds, async (manager) => {
      const { rows, total } = await this.reads.workList(
        manager,
        side,
        {
          organisationNumber: p.organisationNumber,
          userId: p.userId,
          unitId: p.unitId,
          coordinator: p.roles.includes('coordinator'),
        },
        q.filter,
      );
      const page = await this.reads.ofReferrals(manager, [...new Set(rows.map((r) => r.referralId))]);
      const byId = new Map(page.referrals.map((r) => [r.id, r]));
      const shown: AccessEntry[] = [];
      const items = rows.flatMap((row) => {
        const r = byId.get(row.referralId);
        if (!r) return [];
        const recipients = page.recipients.filter((rr) => rr.referralId === r.id);
        const parties = { ...r, recipients };
        if (!mayRead(p, parties)) return [];
        const withheld = personalDataWithheld(p, parties);
        const erased = erasureOf(r) !== null;
        shown.push({
          reader: p,
          action: side === 'inbox' ? 'list-inbox' : 'list-sent',
          objectType: 'referral',
          objectId: r.id,
          referralId: r.id,
          parties: partiesOf(parties),
          correlationId: q.correlationId,
        });
        const clocks = page.clocks.filter((c) => c.referralId === r.id);
        const common = {
          id: r.id,
          type: r.type,
          status: r.status,
          senderOrganisationNumber: r.senderOrganisation,
          senderUnitId: r.senderUnit,
          municipalityNumber: r.municipalityNumber,
          anchorDate: r.anchorDate,
          person: withheld || erased ? null : personView(r),
          personalDataWithheld: withheld,
          nextDueAt: row.nextDueAt?.toISOString() ?? null,
          overdue: row.overdue,
          atRisk: row.atRisk,
          possibleDuplicates: page.links.filter((l) => l.referralId === r.id).map((l) => l.linkedReferralId),
        };
        return [
          side === 'inbox'
            ? { ...common, ...inboxPart(p, row, recipients, clocks) }
            : { ...common, ...sentPart(r, recipients, clocks) },
        ];
      });
      await this.accessLog.recordAll(manager, shown);
      return { items, page: q.filter.page, pageSize: q.filter.pageSize, total };
    });
  }
}

function personView(r: ReferralOrmEntity) {
  return { name: r.personName, birthYear: r.personNationalId ? birthYearOf(r.personNationalId) : null };
}

/** The caller's own recipient entry: who holds it, when it came, and its unit's clocks. */
function inboxPart(
  p: Principal,
  row: WorkListRow,
  recipients: ReferralRecipientOrmEntity[],
  clocks: ReferralClockOrmEntity[],
) {
  const rr = recipients.find((x) => x.unitId === row.unitId)!;
  return {
    receivedAt: rr.routedAt.toISOString(),
    unitId: rr.unitId,
    holder: {
      contactPersonId: rr.contactPersonId,
      coHolderContactPersonId: rr.coHolderContactPersonId,
      assignment: rr.assignment,
      heldByMe: rr.contactPersonId === p.userId || rr.coHolderContactPersonId === p.userId,
    },
    acknowledgedAt: rr.acknowledgedAt?.toISOString() ?? null,
    deadline: deadlineOf(clocks, rr.unitId),
    deadlines: clocks.filter((c) => c.unitId === rr.unitId).map(clockView),
  };
}

/** Every recipient, as the sender follows them: who holds it, whether acknowledged, their clocks. */
function sentPart(
  r: ReferralOrmEntity,
  recipients: ReferralRecipientOrmEntity[],
  clocks: ReferralClockOrmEntity[],
) {
  return {
    submittedAt: r.createdAt.toISOString(),
    senderUserId: r.senderUser,
    recipients: recipients.map((rr) => ({
      organisationNumber: rr.organisationNumber,
      unitId: rr.unitId,
      contactPersonId: rr.contactPersonId,
      acknowledgedAt: rr.acknowledgedAt?.toISOString() ?? null,
      deadline: deadlineOf(clocks, rr.unitId),
    })),
    deadlines: clocks.map((c) => ({ ...clockView(c), unitId: c.unitId })),
  };
}
