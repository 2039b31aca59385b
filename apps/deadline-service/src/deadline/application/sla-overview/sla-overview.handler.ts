import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@overgang/core';
import { DeadlineReadRepository } from '../../infrastructure/deadline.read-repository';
import { SlaOverviewQuery } from './sla-overview.query';

export interface SlaOverviewView {
  organisationNumber: string;
  generatedAt: string;
  units: Array<{
    unitId: string;
    open: number;
    atRisk: number;
    /** Breaches the recipient owns. */
    breached: number;
    /** Breaches of short-notice clocks: the sender's late notice, not the recipient's breach. */
    lateNotice: number;
    paused: number;
    medianHoursToAcknowledge: number | null;
    medianHoursToAnswer: number | null;
  }>;
  /** `share` is in time out of the answers the recipient owns (late-notice answers left out). */
  answeredInTimeByMonth: Array<{
    month: string;
    answered: number;
    inTime: number;
    late: number;
    lateNotice: number;
    share: number | null;
  }>;
  breaches: Array<{
    clockId: string;
    referralId: string;
    referralType: string;
    kind: string;
    unitId: string;
    holderContactPersonId: string | null;
    dueAt: string;
    overdueHours: number;
    /** recipient, or late-notice when the sender gave less notice than the policy's lead time. */
    cause: 'recipient' | 'late-notice';
    noticeGivenDays: number | null;
  }>;
}

/**
 * A coordinator's overview of their organisation per unit: open, at risk (a warning has fired),
 * breached; median time to acknowledge and to answer; share met in time per month; the breaches
 * with who holds each and for how long. An answer after the due time is late even when the breach
 * had not fired yet; a short-notice clock's breach is the notice's (lateNotice), not the recipient's.
 */
@Injectable()
export class SlaOverviewHandler {
  constructor(
    private readonly deadlines: DeadlineReadRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(q: SlaOverviewQuery): Promise<SlaOverviewView> {
    const org = q.by.organisationNumber;
    const now = this.clock.now();
    const units = await this.deadlines.unitCounts(org);
    const medians = await this.deadlines.medianHoursToMeet(org);
    const months = await this.deadlines.answeredInTimeByMonth(org);
    const breaches = await this.deadlines.breached(org);
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
        lateNotice: u.late_notice,
        paused: u.paused,
        medianHoursToAcknowledge: median(u.unit, 'acknowledge'),
        medianHoursToAnswer: median(u.unit, 'answer'),
      })),
      answeredInTimeByMonth: months.map((m) => ({
        month: m.month,
        answered: m.met,
        inTime: m.in_time,
        late: m.late,
        lateNotice: m.late_notice,
        share: m.in_time + m.late ? Math.round((m.in_time / (m.in_time + m.late)) * 1000) / 1000 : null,
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
        cause: c.shortNotice ? ('late-notice' as const) : ('recipient' as const),
        noticeGivenDays: c.noticeGivenDays,
      })),
    };
  }
}
