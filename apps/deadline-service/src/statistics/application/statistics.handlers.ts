import { Injectable } from '@nestjs/common';
import {
  ReferralAnchorDateChangedV1,
  ReferralProgressedV1,
  ReferralSubmittedV1,
  ReferralType,
} from '@overgang/contracts';
import { EventContext } from '@overgang/messaging';
import { policiesFor } from '../../deadline/domain/policy-catalogue';
import { aggregate, period, StatisticsCell } from '../domain/statistics';
import { ReferralFactRepository } from '../infrastructure/referral-fact.repository';

/** The referral types the statistics count, by the path they are asked for under. */
export const STATISTICS_TYPES = { releases: 'release-notice', discharges: 'discharge-notice' } as const;
export type StatisticsSubject = keyof typeof STATISTICS_TYPES;

/** What a fact is written in: the consumer's transaction, or the backfill's. */
type FactContext = Pick<EventContext, 'manager'>;

/** Keeps the statistics' facts from the referral events (codes and dates only). */
@Injectable()
export class RecordReferralFacts {
  constructor(private readonly facts: ReferralFactRepository) {}

  async submitted(e: ReferralSubmittedV1, ctx: FactContext): Promise<void> {
    await this.facts.submitted(
      ctx.manager,
      { ...e, anchorDate: e.anchorDate ?? null },
      new Date(e.submittedAt),
    );
  }

  async anchorChanged(e: ReferralAnchorDateChangedV1, ctx: FactContext): Promise<void> {
    await this.facts.anchorMoved(ctx.manager, e.referralId, e.to, new Date(e.changedAt));
  }

  async progressed(e: ReferralProgressedV1, ctx: FactContext): Promise<void> {
    if (e.action === 'report-housing-outcome' && e.code) {
      await this.facts.outcome(ctx.manager, e.referralId, e.code, new Date(e.at));
    }
  }
}

export interface StatisticsView {
  referralType: ReferralType;
  from: string;
  to: string;
  /** The policy's notice lead time the share under it is counted against. */
  policyLeadTimeDays: number | null;
  /** Counts from 1 to 4, and shares and medians of groups under 5, are null. */
  smallNumberLimit: number;
  cells: StatisticsCell[];
}

/** The figures per municipality and month of the release or discharge date. */
@Injectable()
export class StatisticsHandler {
  constructor(private readonly facts: ReferralFactRepository) {}

  async execute(q: {
    subject: StatisticsSubject;
    from?: string;
    to?: string;
    municipalityNumber?: string;
  }): Promise<StatisticsView> {
    const { from, to } = period(q.from, q.to);
    const type = STATISTICS_TYPES[q.subject];
    const lead = policiesFor(type).find((p) => p.leadTimeDays !== null)?.leadTimeDays ?? null;
    const facts = await this.facts.facts(type, from, to, q.municipalityNumber);
    return {
      referralType: type,
      from,
      to,
      policyLeadTimeDays: lead,
      smallNumberLimit: 5,
      cells: aggregate(facts, lead),
    };
  }
}
