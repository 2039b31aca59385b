import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventOrder, isNewerSql } from '@overgang/messaging';

export type ClockStatus = 'open' | 'met' | 'breached' | 'paused' | 'cancelled';

export interface ClockReport {
  clockId: string;
  referralId: string;
  unitId: string;
  kind: string;
  status: ClockStatus;
  /** When the deadline service reported this state. */
  at: Date;
  /** Absent for a stop or resume: the stored due time stays. */
  dueAt?: Date;
}

/** A clock's end: nothing the deadline service reports afterwards changes it. */
const CLOSED = `('met', 'cancelled')`;

/**
 * The deadline service's clocks as last reported, whatever order the reports arrive in: a closed
 * clock stays closed (met after breached wins, a late breached after met is ignored), and otherwise
 * a report applies only when newer than the one stored (the deadline service's per-referral
 * sequence; the report's time when either lacks one).
 */
@Injectable()
export class ReferralClockRepository {
  /**
   * One statement: insert the clock, or update it under the rule above. (It replaced a locked read
   * plus TypeORM's save, which reads again before writing: three round trips per deadline event on
   * the hub's busiest consumer.)
   */
  async project(manager: EntityManager, c: ClockReport, order: EventOrder): Promise<void> {
    const applies = (p: number) =>
      `referral_clock.status NOT IN ${CLOSED} AND ($5::text IN ${CLOSED} OR ${isNewerSql(
        { sequence: 'referral_clock.event_sequence', at: 'referral_clock.status_at' },
        { sequence: `$${p}`, at: '$7' },
      )})`;
    const params = [
      c.clockId,
      c.referralId,
      c.unitId,
      c.kind,
      c.status,
      c.dueAt ?? null,
      c.at,
      order.sequence,
    ];
    if (c.dueAt) {
      await manager.query(
        `INSERT INTO referral_clock (clock_id, referral_id, unit_id, kind, status, due_at, status_at, event_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (clock_id) DO UPDATE
           SET status = EXCLUDED.status, due_at = EXCLUDED.due_at, status_at = EXCLUDED.status_at,
               event_sequence = EXCLUDED.event_sequence
           WHERE ${applies(8)}`,
        params,
      );
      return;
    }
    // A stop or resume carries no due time: keep the one stored (and open nothing without one).
    await manager.query(
      `UPDATE referral_clock SET status = $5, status_at = $7, event_sequence = $8
       WHERE clock_id = $1 AND referral_id = $2 AND unit_id = $3 AND kind = $4 AND $6::timestamptz IS NULL
         AND ${applies(8)}`,
      params,
    );
  }
}
