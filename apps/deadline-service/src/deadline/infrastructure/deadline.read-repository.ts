import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockRungOrmEntity,
} from './clock.orm-entity';

/** Open with a warning issued: the figure and the listing share this one test. */
const AT_RISK = `c.status = 'open' AND EXISTS (
  SELECT 1 FROM clock_rung r WHERE r.clock_id = c.id AND r.outcome = 'fired')`;

/** Running past its due time, by the database's clock. */
const OVERDUE = `c.status IN ('open', 'breached') AND c.due_at < now()`;

export interface ClockFilter {
  /** Only the clocks this organisation is the recipient of; null for every clock. */
  recipientOrganisationNumber: string | null;
  /** Only the clocks this contact person holds, or holds as the second holder; null for any holder. */
  holderContactPersonId?: string | null;
  /** A clock status, or at-risk. */
  status?: string;
  referralId?: string;
}

export interface ClockHistory {
  pauses: ClockPauseOrmEntity[];
  changes: ClockChangeOrmEntity[];
  rungs: ClockRungOrmEntity[];
}

export interface UnitCounts {
  unit: string;
  open: number;
  at_risk: number;
  breached: number;
  late_notice: number;
  paused: number;
}

export interface UnitMedian {
  unit: string;
  kind: 'acknowledge' | 'answer';
  median_hours: number | null;
}

export interface MonthInTime {
  month: string;
  met: number;
  in_time: number;
  late: number;
  late_notice: number;
}

/** The read side of the deadline tables: no locks, no transaction. */
@Injectable()
export class DeadlineReadRepository {
  constructor(private readonly ds: DataSource) {}

  /** At most 1000 clocks, soonest due first. */
  list(filter: ClockFilter): Promise<ClockOrmEntity[]> {
    const qb = this.ds
      .getRepository(ClockOrmEntity)
      .createQueryBuilder('c')
      .orderBy('c.due_at', 'ASC')
      .limit(1000);
    if (filter.recipientOrganisationNumber !== null)
      qb.where('c.recipient_organisation_number = :org', { org: filter.recipientOrganisationNumber });
    if (filter.holderContactPersonId)
      qb.andWhere('(c.holder_contact_person_id = :cp OR c.co_holder_contact_person_id = :cp)', {
        cp: filter.holderContactPersonId,
      });
    if (filter.status === 'at-risk') qb.andWhere(AT_RISK);
    else if (filter.status === 'overdue') qb.andWhere(OVERDUE);
    else if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.referralId) qb.andWhere('c.referral_id = :referralId', { referralId: filter.referralId });
    return qb.getMany();
  }

  findById(id: string): Promise<ClockOrmEntity | null> {
    return this.ds.getRepository(ClockOrmEntity).findOneBy({ id });
  }

  async history(clockId: string): Promise<ClockHistory> {
    const [pauses, changes, rungs] = await Promise.all([
      this.ds.getRepository(ClockPauseOrmEntity).find({ where: { clockId }, order: { fromAt: 'ASC' } }),
      this.ds.getRepository(ClockChangeOrmEntity).find({ where: { clockId }, order: { at: 'ASC' } }),
      this.ds.getRepository(ClockRungOrmEntity).find({ where: { clockId } }),
    ]);
    return { pauses, changes, rungs };
  }

  /**
   * Per unit of the organisation: open, at risk (a warning has fired), breached by the recipient,
   * breached on a short notice (the sender's late notice, not the recipient's breach) and paused.
   */
  unitCounts(org: string): Promise<UnitCounts[]> {
    return this.ds.query(
      `SELECT c.recipient_unit_id AS unit,
              count(*) FILTER (WHERE c.status = 'open')::int AS open,
              count(*) FILTER (WHERE ${AT_RISK})::int AS at_risk,
              count(*) FILTER (WHERE c.status = 'breached' AND NOT c.short_notice)::int AS breached,
              count(*) FILTER (WHERE c.status = 'breached' AND c.short_notice)::int AS late_notice,
              count(*) FILTER (WHERE c.status = 'paused')::int AS paused
       FROM clock c WHERE c.recipient_organisation_number = $1
       GROUP BY c.recipient_unit_id ORDER BY c.recipient_unit_id`,
      [org],
    );
  }

  /** Median hours from start to met per unit, for acknowledgements and for every other answer. */
  medianHoursToMeet(org: string): Promise<UnitMedian[]> {
    return this.ds.query(
      `SELECT c.recipient_unit_id AS unit,
              CASE WHEN c.kind = 'acknowledge' THEN 'acknowledge' ELSE 'answer' END AS kind,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.met_at - c.started_at) / 3600) AS median_hours
       FROM clock c WHERE c.recipient_organisation_number = $1 AND c.status = 'met'
       GROUP BY 1, 2`,
      [org],
    );
  }

  /**
   * Answers met per Oslo month: in time (by the due time), late (after it, whether or not the breach
   * had fired), and late on a short notice (counted against the notice, not the recipient).
   */
  answeredInTimeByMonth(org: string): Promise<MonthInTime[]> {
    return this.ds.query(
      `SELECT to_char(c.met_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month,
              count(*)::int AS met,
              count(*) FILTER (WHERE NOT c.met_late AND c.breached_at IS NULL)::int AS in_time,
              count(*) FILTER (WHERE (c.met_late OR c.breached_at IS NOT NULL) AND NOT c.short_notice)::int AS late,
              count(*) FILTER (WHERE (c.met_late OR c.breached_at IS NOT NULL) AND c.short_notice)::int AS late_notice
       FROM clock c WHERE c.recipient_organisation_number = $1 AND c.status = 'met' AND c.kind <> 'acknowledge'
       GROUP BY 1 ORDER BY 1`,
      [org],
    );
  }

  breached(org: string): Promise<ClockOrmEntity[]> {
    return this.ds
      .getRepository(ClockOrmEntity)
      .createQueryBuilder('c')
      .where('c.recipient_organisation_number = :org AND c.status = :s', { org, s: 'breached' })
      .orderBy('c.due_at', 'ASC')
      .getMany();
  }
}
