import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock, NotFoundError } from '@overgang/core';
import { POLICY_CATALOGUE } from '../domain/policy-catalogue';
import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockRungOrmEntity,
} from '../infrastructure/clock.orm-entity';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function view(c: ClockOrmEntity) {
  return {
    id: c.id,
    referralId: c.referralId,
    referralType: c.referralType,
    kind: c.kind,
    policy: c.policy,
    catalogueVersion: c.catalogueVersion,
    recipientOrganisationNumber: c.recipientOrganisationNumber,
    recipientUnitId: c.recipientUnitId,
    holderContactPersonId: c.holderContactPersonId,
    status: c.status,
    startedAt: c.startedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    anchorDate: c.anchorDate,
    metAt: iso(c.metAt),
    breachedAt: iso(c.breachedAt),
    pausedAt: iso(c.pausedAt),
    stopReason: c.pausedReason,
  };
}

/** "Who has this, and when is it due?" for the organisations on either side of a referral. */
@Injectable()
export class DeadlineQueries {
  constructor(
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  catalogue() {
    return POLICY_CATALOGUE;
  }

  async list(p: Principal, status?: string, referralId?: string) {
    const qb = this.ds
      .getRepository(ClockOrmEntity)
      .createQueryBuilder('c')
      .orderBy('c.due_at', 'ASC')
      .limit(1000);
    if (!p.roles.includes('hub-admin'))
      qb.where('c.recipient_organisation_number = :org', { org: p.organisationNumber });
    if (status) qb.andWhere('c.status = :status', { status });
    if (referralId) qb.andWhere('c.referral_id = :referralId', { referralId });
    return { items: (await qb.getMany()).map(view) };
  }

  /** One clock with how its due time was computed, its pauses, its moves and its ladder. */
  async explain(p: Principal, id: string) {
    const c = await this.ds.getRepository(ClockOrmEntity).findOneBy({ id });
    const party =
      c &&
      (p.organisationNumber === c.recipientOrganisationNumber ||
        p.organisationNumber === c.senderOrganisationNumber ||
        p.roles.includes('hub-admin'));
    if (!c || !party)
      throw new NotFoundError(
        'DEADLINE.NOT_FOUND',
        'No deadline with that id exists, or you may not see it.',
      );
    const [pauses, changes, rungs] = await Promise.all([
      this.ds.getRepository(ClockPauseOrmEntity).find({ where: { clockId: id }, order: { fromAt: 'ASC' } }),
      this.ds.getRepository(ClockChangeOrmEntity).find({ where: { clockId: id }, order: { at: 'ASC' } }),
      this.ds.getRepository(ClockRungOrmEntity).find({ where: { clockId: id } }),
    ]);
    return {
      ...view(c),
      explanation: c.explanation,
      pauses: pauses.map((x) => ({ from: x.fromAt.toISOString(), to: iso(x.toAt), reason: x.reason })),
      changes: changes.map((x) => ({
        at: x.at.toISOString(),
        reason: x.reason,
        fromDue: iso(x.fromDue),
        toDue: iso(x.toDue),
        anchorFrom: x.anchorFrom,
        anchorTo: x.anchorTo,
      })),
      ladder: rungs
        .sort(
          (a, b) =>
            (a.fireAt?.getTime() ?? a.firedAt?.getTime() ?? 0) -
            (b.fireAt?.getTime() ?? b.firedAt?.getTime() ?? 0),
        )
        .map((r) => ({
          rungId: r.rungId,
          fireAt: iso(r.fireAt),
          firedAt: iso(r.firedAt),
          outcome: r.outcome,
        })),
    };
  }

  /**
   * A coordinator's overview of their organisation per unit: open, at risk (a warning has fired),
   * breached; median time to acknowledge and to answer; share met in time per month; the breaches
   * with who holds each and for how long.
   */
  async overview(p: Principal) {
    const org = p.organisationNumber;
    const now = this.clock.now();
    const units: Array<{ unit: string; open: number; at_risk: number; breached: number; paused: number }> =
      await this.ds.query(
        `SELECT c.recipient_unit_id AS unit,
              count(*) FILTER (WHERE c.status = 'open')::int AS open,
              count(*) FILTER (WHERE c.status = 'open' AND EXISTS (
                SELECT 1 FROM clock_rung r WHERE r.clock_id = c.id AND r.outcome = 'fired'))::int AS at_risk,
              count(*) FILTER (WHERE c.status = 'breached')::int AS breached,
              count(*) FILTER (WHERE c.status = 'paused')::int AS paused
       FROM clock c WHERE c.recipient_organisation_number = $1
       GROUP BY c.recipient_unit_id ORDER BY c.recipient_unit_id`,
        [org],
      );
    const medians: Array<{ unit: string; kind: string; median_hours: number | null }> = await this.ds.query(
      `SELECT c.recipient_unit_id AS unit,
              CASE WHEN c.kind = 'acknowledge' THEN 'acknowledge' ELSE 'answer' END AS kind,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.met_at - c.started_at) / 3600) AS median_hours
       FROM clock c WHERE c.recipient_organisation_number = $1 AND c.status = 'met'
       GROUP BY 1, 2`,
      [org],
    );
    const months: Array<{ month: string; met: number; in_time: number }> = await this.ds.query(
      `SELECT to_char(c.met_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM') AS month,
              count(*)::int AS met,
              count(*) FILTER (WHERE c.breached_at IS NULL)::int AS in_time
       FROM clock c WHERE c.recipient_organisation_number = $1 AND c.status = 'met' AND c.kind <> 'acknowledge'
       GROUP BY 1 ORDER BY 1`,
      [org],
    );
    const breaches = await this.ds
      .getRepository(ClockOrmEntity)
      .createQueryBuilder('c')
      .where('c.recipient_organisation_number = :org AND c.status = :s', { org, s: 'breached' })
      .orderBy('c.due_at', 'ASC')
      .getMany();
    const median = (unit: string, kind: string) => {
      const m = medians.find((x) => x.unit === unit && x.kind === kind)?.median_hours;
      return m === undefined || m === null ? null : Math.round(Number(m) * 10) / 10;
    };
    return {
      organisationNumber: org,
      generatedAt: now.toISOString(),
      units: units.map((u) => ({
        unitId: u.unit,
        open: u.open,
        atRisk: u.at_risk,
        breached: u.breached,
        paused: u.paused,
        medianHoursToAcknowledge: median(u.unit, 'acknowledge'),
        medianHoursToAnswer: median(u.unit, 'answer'),
      })),
      answeredInTimeByMonth: months.map((m) => ({
        month: m.month,
        answered: m.met,
        inTime: m.in_time,
        share: m.met ? Math.round((m.in_time / m.met) * 1000) / 1000 : null,
      })),
      breaches: breaches.map((c) => ({
        clockId: c.id,
        referralId: c.referralId,
        referralType: c.referralType,
        kind: c.kind,
        unitId: c.recipientUnitId,
        holderContactPersonId: c.holderContactPersonId,
        dueAt: c.dueAt.toISOString(),
        overdueHours: Math.round(((now.getTime() - c.dueAt.getTime()) / 3600_000) * 10) / 10,
      })),
    };
  }

  /** The breach list as CSV (ids and times only), for a spreadsheet. */
  async overviewCsv(p: Principal): Promise<string> {
    const o = await this.overview(p);
    const head =
      'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours';
    const rows = o.breaches.map((b) =>
      [
        b.clockId,
        b.referralId,
        b.referralType,
        b.kind,
        b.unitId,
        b.holderContactPersonId ?? '',
        b.dueAt,
        b.overdueHours,
      ].join(','),
    );
    const units = [
      '',
      'unit_id,open,at_risk,breached,paused,median_hours_to_acknowledge,median_hours_to_answer',
    ].concat(
      o.units.map((u) =>
        [
          u.unitId,
          u.open,
          u.atRisk,
          u.breached,
          u.paused,
          u.medianHoursToAcknowledge ?? '',
          u.medianHoursToAnswer ?? '',
        ].join(','),
      ),
    );
    return [head, ...rows, ...units].join('\n') + '\n';
  }
}
