import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { period, SMALL_NUMBER_LIMIT, suppressGroup } from '@overgang/core';
import { DISCHARGE_HOUSING, HOUSING_SITUATIONS } from '../../domain/codes';

/** The referral types counted, by the path the statistics are asked for under. */
export const HOUSING_STATISTICS_TYPES = {
  releases: 'release-notice',
  discharges: 'discharge-notice',
} as const;
export type HousingStatisticsSubject = keyof typeof HOUSING_STATISTICS_TYPES;

const SITUATIONS: Record<HousingStatisticsSubject, readonly string[]> = {
  releases: HOUSING_SITUATIONS,
  discharges: DISCHARGE_HOUSING,
};

export interface HousingSituationCell {
  municipalityNumber: string;
  month: string;
  /** Notices per housing situation at notice; null where the small-number rule hides it. */
  housingSituationAtNotice: Record<string, number | null>;
}

export interface HousingSituationView {
  referralType: string;
  from: string;
  to: string;
  situations: readonly string[];
  smallNumberLimit: number;
  cells: HousingSituationCell[];
}

/**
 * The housing situation at notice per municipality and month of the release or discharge date,
 * from the referral service's own counts (never from a referral), with the small-number rule and
 * secondary suppression: the situations add up to the notices received, which the release and
 * discharge statistics show.
 */
@Injectable()
export class HousingSituationStatistics {
  constructor(private readonly ds: DataSource) {}

  async execute(q: {
    subject: HousingStatisticsSubject;
    from?: string;
    to?: string;
    municipalityNumber?: string;
  }): Promise<HousingSituationView> {
    const { from, to } = period(q.from, q.to);
    const type = HOUSING_STATISTICS_TYPES[q.subject];
    const situations = SITUATIONS[q.subject];
    const rows: Array<{ municipalityNumber: string; month: string; situation: string; count: number }> =
      await this.ds.query(
        `SELECT municipality_number AS "municipalityNumber", month, situation, count
           FROM housing_situation_count
          WHERE referral_type = $1 AND month BETWEEN $2 AND $3 AND ($4::text IS NULL OR municipality_number = $4)
          ORDER BY municipality_number, month`,
        [type, from, to, q.municipalityNumber ?? null],
      );
    const cells = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const key = `${r.municipalityNumber}|${r.month}`;
      const counts = cells.get(key) ?? Object.fromEntries(situations.map((s) => [s, 0]));
      counts[r.situation] = (counts[r.situation] ?? 0) + r.count;
      cells.set(key, counts);
    }
    return {
      referralType: type,
      from,
      to,
      situations,
      smallNumberLimit: SMALL_NUMBER_LIMIT,
      cells: [...cells.entries()]
        .filter(([, counts]) => Object.values(counts).some((n) => n > 0))
        .map(([key, counts]) => {
          const [municipalityNumber, month] = key.split('|');
          return { municipalityNumber, month, housingSituationAtNotice: suppressGroup(counts) };
        }),
    };
  }
}
