import { Injectable } from '@nestjs/common';
import { osloDate } from '@overgang/core';
import { DataSource, EntityManager } from 'typeorm';
import { ClockFact, ReferralFact } from '../domain/statistics';

/** The incoming date was set no earlier than the one kept (or none is kept). */
const NEWER = `(referral_fact.anchor_set_at IS NULL OR referral_fact.anchor_set_at <= EXCLUDED.anchor_set_at)`;

interface FactRow {
  referral_id: string;
  municipality_number: string;
  anchor_date: string | null;
  noticed_on: string;
  housing_outcome: string | null;
}

interface ClockRow {
  referral_id: string;
  kind: string;
  met: boolean;
  in_time: boolean;
  breached: boolean;
  short_notice: boolean;
}

/** The statistics' fact table: written by the referral events, read only as counts. */
@Injectable()
export class ReferralFactRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A submitted referral; a second submitted event for it changes nothing. A date or outcome that
   * arrived first (another topic) is kept, and a date keeps the newer of the two.
   */
  async submitted(
    m: EntityManager,
    f: { referralId: string; referralType: string; municipalityNumber: string; anchorDate: string | null },
    at: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO referral_fact (referral_id, referral_type, municipality_number, anchor_date, anchor_set_at, noticed_on)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (referral_id) DO UPDATE
         SET referral_type = EXCLUDED.referral_type, municipality_number = EXCLUDED.municipality_number,
             noticed_on = EXCLUDED.noticed_on,
             anchor_date = CASE WHEN ${NEWER} THEN EXCLUDED.anchor_date ELSE referral_fact.anchor_date END,
             anchor_set_at = CASE WHEN ${NEWER} THEN EXCLUDED.anchor_set_at ELSE referral_fact.anchor_set_at END
         WHERE referral_fact.referral_type IS NULL`,
      [f.referralId, f.referralType, f.municipalityNumber, f.anchorDate, at, osloDate(at)],
    );
  }

  /** The release or discharge date moved; an older change than the one kept is ignored. */
  async anchorMoved(m: EntityManager, referralId: string, to: string, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO referral_fact (referral_id, anchor_date, anchor_set_at) VALUES ($1, $2, $3)
       ON CONFLICT (referral_id) DO UPDATE SET anchor_date = EXCLUDED.anchor_date, anchor_set_at = EXCLUDED.anchor_set_at
       WHERE ${NEWER}`,
      [referralId, to, at],
    );
  }

  /** A housing outcome was reported; the latest one counts. */
  async outcome(m: EntityManager, referralId: string, code: string, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO referral_fact (referral_id, housing_outcome, outcome_at) VALUES ($1, $2, $3)
       ON CONFLICT (referral_id) DO UPDATE SET housing_outcome = EXCLUDED.housing_outcome, outcome_at = EXCLUDED.outcome_at
       WHERE referral_fact.outcome_at IS NULL OR referral_fact.outcome_at <= EXCLUDED.outcome_at`,
      [referralId, code, at],
    );
  }

  /**
   * The facts of one referral type whose release or discharge month is in [from, to], with
   * their clocks' outcomes (kinds, met, in time, breached, short notice: nothing else).
   */
  async facts(type: string, from: string, to: string, municipalityNumber?: string): Promise<ReferralFact[]> {
    const params: unknown[] = [type, `${from}-01`, `${to}-01`];
    if (municipalityNumber) params.push(municipalityNumber);
    const rows: FactRow[] = await this.ds.query(
      `SELECT referral_id, municipality_number, to_char(anchor_date, 'YYYY-MM-DD') AS anchor_date,
              to_char(noticed_on, 'YYYY-MM-DD') AS noticed_on, housing_outcome
       FROM referral_fact
       WHERE referral_type = $1 AND anchor_date >= $2::date
         AND anchor_date < ($3::date + interval '1 month')
         ${municipalityNumber ? 'AND municipality_number = $4' : ''}`,
      params,
    );
    if (rows.length === 0) return [];
    const clocks: ClockRow[] = await this.ds.query(
      `SELECT referral_id, kind, status = 'met' AS met,
              (status = 'met' AND NOT met_late AND breached_at IS NULL) AS in_time,
              (breached_at IS NOT NULL OR met_late) AS breached,
              short_notice
       FROM clock WHERE referral_id = ANY($1::uuid[]) AND status <> 'cancelled'`,
      [rows.map((r) => r.referral_id)],
    );
    const byReferral = new Map<string, ClockFact[]>();
    for (const c of clocks) {
      byReferral.set(c.referral_id, [
        ...(byReferral.get(c.referral_id) ?? []),
        { kind: c.kind, met: c.met, inTime: c.in_time, breached: c.breached, shortNotice: c.short_notice },
      ]);
    }
    return rows.map((r) => ({
      municipalityNumber: r.municipality_number,
      anchorDate: r.anchor_date,
      noticedOn: r.noticed_on,
      housingOutcome: r.housing_outcome,
      clocks: byReferral.get(r.referral_id) ?? [],
    }));
  }
}
