import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ProcessingStopOrmEntity,
  ReferralClockOrmEntity,
  ReferralHistoryOrmEntity,
  ReferralLinkOrmEntity,
  ReferralOrmEntity,
  ReferralRecipientOrmEntity,
} from './referral.orm-entity';

/** What a reader holds: as contact person, as second holder, or through their unit. */
export interface Holder {
  organisationNumber: string;
  userId: string;
  unitId: string | null;
}

/** How a work list is narrowed and paged; null or false leaves a condition out. */
export interface WorkListFilter {
  /** null: every status. */
  statuses: readonly string[] | null;
  types: readonly string[] | null;
  /** The receiving unit (inbox) or the sending unit (sent). */
  unit: string | null;
  holder: 'me' | 'unit' | null;
  /** YYYY-MM-DD: the next due deadline falls before the start of this day in Oslo. */
  dueBefore: string | null;
  overdue: boolean;
  atRisk: boolean;
  page: number;
  pageSize: number;
}

/** One row of a work list: a recipient entry (inbox) or a referral (sent), with its clocks summed up. */
export interface WorkListRow {
  referralId: string;
  /** The receiving unit, in the inbox; null in the sent list. */
  unitId: string | null;
  nextDueAt: Date | null;
  overdue: boolean;
  atRisk: boolean;
}

/** Clocks that still run (a paused one waits, a met or cancelled one has ended). */
const RUNNING = `c.status IN ('open', 'breached')`;
/** Past due by the database's clock, or reported breached. */
const OVERDUE = `(c.status = 'breached' OR (c.status = 'open' AND c.due_at < now()))`;
/** As the deadline service counts it: open, with a warning issued (not met or breached). */
const AT_RISK = `(c.status = 'open' AND EXISTS (
  SELECT 1 FROM referral_history h
  WHERE h.referral_id = c.referral_id AND h.action = 'deadline-warning' AND h.facts->>'clockId' = c.clock_id::text))`;

/** The read side's queries; each runs on the manager it is given (the read's own transaction). */
@Injectable()
export class ReferralReadRepository {
  /**
   * One page of a work list in one statement: filters, the next due clock of any kind (the soonest
   * running one) to sort by, and the total. The inbox's clocks are the row's unit's; the sent list's
   * every recipient's. Whom a row belongs to is decided here, in SQL, before any paging.
   */
  async workList(
    manager: EntityManager,
    side: 'inbox' | 'sent',
    caller: Holder & { coordinator: boolean },
    f: WorkListFilter,
  ): Promise<{ rows: WorkListRow[]; total: number }> {
    const params: unknown[] = [];
    const $ = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    let from: string;
    let unitCol: string;
    let clocksOf: string;
    if (side === 'inbox') {
      from = 'referral_recipient rr JOIN referral r ON r.id = rr.referral_id';
      unitCol = 'rr.unit_id';
      clocksOf = 'c.referral_id = rr.referral_id AND c.unit_id = rr.unit_id';
      const user = $(caller.userId);
      const mine = `(rr.contact_person_id = ${user} OR rr.co_holder_contact_person_id = ${user})`;
      const unit = $(caller.unitId ?? '');
      const ofUnit = `rr.unit_id = ${unit}`;
      where.push(`rr.organisation_number = ${$(caller.organisationNumber)}`);
      where.push(f.holder === 'me' ? mine : f.holder === 'unit' ? ofUnit : `(${mine} OR ${ofUnit})`);
      where.push(`${user}::text IS NOT NULL AND ${unit}::text IS NOT NULL`);
    } else {
      from = 'referral r';
      unitCol = 'r.sender_unit';
      clocksOf = 'c.referral_id = r.id';
      where.push(`r.sender_organisation = ${$(caller.organisationNumber)}`);
      // As isOfSendingUnit: a coordinator sees the organisation's, others their unit's (or their own).
      const user = $(caller.userId);
      const unit = $(caller.unitId ?? '');
      if (!caller.coordinator) {
        where.push(`(r.sender_unit = ${unit} OR (r.sender_unit IS NULL AND r.sender_user = ${user}))`);
      }
      if (f.holder === 'me') where.push(`r.sender_user = ${user}`);
      if (f.holder === 'unit') where.push(`r.sender_unit = ${unit}`);
      // Every parameter is used, so that PostgreSQL can type it.
      where.push(`${user}::text IS NOT NULL AND ${unit}::text IS NOT NULL`);
    }
    if (f.statuses) where.push(`r.status = ANY(${$(f.statuses)}::text[])`);
    if (f.types) where.push(`r.type = ANY(${$(f.types)}::text[])`);
    if (f.unit) where.push(`${unitCol} = ${$(f.unit)}`);
    const clocks = (cond: string) => `EXISTS (SELECT 1 FROM referral_clock c WHERE ${clocksOf} AND ${cond})`;
    const outer: string[] = [];
    if (f.dueBefore) {
      outer.push(`next_due_at < (${$(f.dueBefore)}::date)::timestamp AT TIME ZONE 'Europe/Oslo'`);
    }
    if (f.overdue) outer.push('overdue');
    if (f.atRisk) outer.push('at_risk');
    const rows = await manager.query<
      Array<{
        referral_id: string;
        unit_id: string | null;
        next_due_at: Date | null;
        overdue: boolean;
        at_risk: boolean;
        total: string;
      }>
    >(
      `SELECT *, count(*) OVER () AS total FROM (
         SELECT r.id AS referral_id, ${side === 'inbox' ? 'rr.unit_id' : 'NULL::text'} AS unit_id,
                ${side === 'inbox' ? 'rr.routed_at' : 'r.created_at'} AS arrived_at,
                (SELECT min(c.due_at) FROM referral_clock c WHERE ${clocksOf} AND ${RUNNING}) AS next_due_at,
                ${clocks(OVERDUE)} AS overdue,
                ${clocks(AT_RISK)} AS at_risk
         FROM ${from}
         WHERE ${where.join(' AND ')}
       ) w
       ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
       ORDER BY next_due_at ASC NULLS LAST, arrived_at ASC, referral_id, unit_id
       LIMIT ${$(f.pageSize)} OFFSET ${$((f.page - 1) * f.pageSize)}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && f.page > 1) {
      // Past the last page: the total still tells the reader how far the list goes.
      const counted = await manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM (
           SELECT (SELECT min(c.due_at) FROM referral_clock c WHERE ${clocksOf} AND ${RUNNING}) AS next_due_at,
                  ${clocks(OVERDUE)} AS overdue, ${clocks(AT_RISK)} AS at_risk
           FROM ${from} WHERE ${where.join(' AND ')}
         ) w ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}`,
        params.slice(0, -2),
      );
      total = counted[0].n;
    }
    return {
      rows: rows.map((r) => ({
        referralId: r.referral_id,
        unitId: r.unit_id,
        nextDueAt: r.next_due_at,
        overdue: r.overdue,
        atRisk: r.at_risk,
      })),
      total,
    };
  }

  /** What a page of a work list shows, for its referrals only: four statements, whatever the page size. */
  async ofReferrals(manager: EntityManager, ids: string[]) {
    if (ids.length === 0) return { referrals: [], recipients: [], clocks: [], links: [] };
    // One after the other: on one connection, never four of the pool's at once.
    const referrals = await manager
      .getRepository(ReferralOrmEntity)
      .createQueryBuilder('r')
      .whereInIds(ids)
      .getMany();
    const recipients = await manager
      .getRepository(ReferralRecipientOrmEntity)
      .createQueryBuilder('rr')
      .where('rr.referral_id IN (:...ids)', { ids })
      .getMany();
    const clocks = await manager
      .getRepository(ReferralClockOrmEntity)
      .createQueryBuilder('c')
      .where('c.referral_id IN (:...ids)', { ids })
      .getMany();
    const links = await manager
      .getRepository(ReferralLinkOrmEntity)
      .createQueryBuilder('l')
      .where('l.referral_id IN (:...ids)', { ids })
      .getMany();
    return { referrals, recipients, clocks, links };
  }

  processingStops(manager: EntityManager, referralId: string): Promise<ProcessingStopOrmEntity[]> {
    return manager.find(ProcessingStopOrmEntity, {
      where: { referralId },
      order: { organisationNumber: 'ASC' },
    });
  }

  links(manager: EntityManager, referralId: string): Promise<ReferralLinkOrmEntity[]> {
    return manager.find(ReferralLinkOrmEntity, { where: { referralId } });
  }

  /** Each entry with its sealed free text opened and put back beside its codes. */
  async history(manager: EntityManager, referralId: string): Promise<ReferralHistoryOrmEntity[]> {
    const entries = await manager.find(ReferralHistoryOrmEntity, {
      where: { referralId },
      order: { id: 'ASC' },
    });
    return entries.map((h) => ({ ...h, facts: { ...h.facts, ...(h.personalFacts ?? {}) } }));
  }
}
