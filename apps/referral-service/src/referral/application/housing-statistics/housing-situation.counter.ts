import { Injectable } from '@nestjs/common';
import { ReferralType } from '@overgang/contracts';
import { EntityManager } from 'typeorm';

/** The notices whose housing situation at notice is counted (issue 12, item 5). */
const COUNTED_TYPES: readonly ReferralType[] = ['release-notice', 'discharge-notice'];

/** One count: notices of a type to a municipality, in the month of their date, with a situation. */
export interface HousingSituationCell {
  referralType: string;
  municipalityNumber: string;
  /** YYYY-MM of the expected release or planned discharge date. */
  month: string;
  situation: string;
  count: number;
  /** Raised on every change of the count: the newest count of a cell has the highest. */
  sequence: number;
}

type CellKey = Omit<HousingSituationCell, 'count' | 'sequence'>;

interface FactRow {
  referral_type: string;
  municipality_number: string;
  month: string | null;
  situation: string;
}

const monthOf = (date: string | null) => (date ? date.slice(0, 7) : null);

/**
 * Counts the housing situation at notice in the referral service itself, in the caller's
 * transaction, so the figure never needs a referral opened and no per-referral code leaves the
 * service. Every change takes the cell's row lock (an upsert), so notices submitted at once add up.
 */
@Injectable()
export class HousingSituationCounter {
  /**
   * A notice was submitted: it counts in the month of its date, or, with no date yet (a discharge
   * notice without a planned date), once the date is set. Returns the cells it changed.
   */
  async noticeSubmitted(
    m: EntityManager,
    n: {
      referralId: string;
      referralType: ReferralType;
      municipalityNumber: string;
      anchorDate: string | null;
      situation: unknown;
    },
  ): Promise<HousingSituationCell[]> {
    if (!COUNTED_TYPES.includes(n.referralType) || typeof n.situation !== 'string') return [];
    const month = monthOf(n.anchorDate);
    await m.query(
      `INSERT INTO housing_situation_fact (referral_id, referral_type, municipality_number, month, situation)
       VALUES ($1, $2, $3, $4, $5)`,
      [n.referralId, n.referralType, n.municipalityNumber, month, n.situation],
    );
    if (!month) return [];
    return [await this.add(m, { ...n, month, situation: n.situation }, 1)];
  }

  /**
   * The release or discharge date moved: a notice whose month changed leaves its old month's count
   * and joins the new one's. A referral not counted (another type, or submitted before counting
   * began) changes nothing.
   */
  async anchorMoved(m: EntityManager, referralId: string, to: string): Promise<HousingSituationCell[]> {
    const [fact]: FactRow[] = await m.query(
      `SELECT referral_type, municipality_number, month, situation FROM housing_situation_fact
       WHERE referral_id = $1 FOR UPDATE`,
      [referralId],
    );
    const month = monthOf(to) as string;
    if (!fact || fact.month === month) return [];
    await m.query(`UPDATE housing_situation_fact SET month = $2 WHERE referral_id = $1`, [referralId, month]);
    const key = (at: string): CellKey => ({
      referralType: fact.referral_type,
      municipalityNumber: fact.municipality_number,
      month: at,
      situation: fact.situation,
    });
    const changes: Array<[CellKey, number]> = [[key(month), 1]];
    if (fact.month) changes.push([key(fact.month), -1]);
    // Always in month order: two moves between the same months in opposite directions lock the
    // two cells in the same order, so they wait for each other instead of deadlocking.
    changes.sort(([a], [b]) => a.month.localeCompare(b.month));
    const cells: HousingSituationCell[] = [];
    for (const [cell, delta] of changes) cells.push(await this.add(m, cell, delta));
    return cells;
  }

  /** The counts of a type for the months from `from` to `to` (YYYY-MM), in key order. */
  async counts(m: EntityManager, type: string, from: string, to: string): Promise<HousingSituationCell[]> {
    const rows: Array<HousingSituationCell & { sequence: string }> = await m.query(
      `SELECT referral_type AS "referralType", municipality_number AS "municipalityNumber", month,
              situation, count, sequence
       FROM housing_situation_count WHERE referral_type = $1 AND month BETWEEN $2 AND $3
       ORDER BY municipality_number, month, situation`,
      [type, from, to],
    );
    return rows.map((r) => ({ ...r, sequence: Number(r.sequence) }));
  }

  private async add(m: EntityManager, c: CellKey, delta: number): Promise<HousingSituationCell> {
    const [row]: Array<{ count: number; sequence: string }> = await m.query(
      `INSERT INTO housing_situation_count (referral_type, municipality_number, month, situation, count, sequence)
       VALUES ($1, $2, $3, $4, GREATEST($5::integer, 0), 1)
       ON CONFLICT (referral_type, municipality_number, month, situation) DO UPDATE
         SET count = housing_situation_count.count + $5::integer,
             sequence = housing_situation_count.sequence + 1
       RETURNING count, sequence`,
      [c.referralType, c.municipalityNumber, c.month, c.situation, delta],
    );
    return {
      referralType: c.referralType,
      municipalityNumber: c.municipalityNumber,
      month: c.month,
      situation: c.situation,
      count: row.count,
      sequence: Number(row.sequence),
    };
  }
}
