import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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

/** The deadline service's clocks as last reported, whatever order the reports arrive in. */
@Injectable()
export class ReferralClockRepository {
  /**
   * One statement: insert the clock, or update it unless it is closed or the stored state is newer.
   * (It replaced a locked read plus TypeORM's save, which reads again before writing: three round
   * trips per deadline event on the hub's busiest consumer.)
   */
  async project(manager: EntityManager, c: ClockReport): Promise<void> {
    await manager.query(
      `INSERT INTO referral_clock (clock_id, referral_id, unit_id, kind, status, due_at, status_at)
       SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::timestamptz, $7::timestamptz WHERE $6::timestamptz IS NOT NULL
       ON CONFLICT (clock_id) DO UPDATE
         SET status = EXCLUDED.status, due_at = EXCLUDED.due_at, status_at = EXCLUDED.status_at
         WHERE referral_clock.status NOT IN ('met', 'cancelled') AND referral_clock.status_at <= EXCLUDED.status_at`,
      [c.clockId, c.referralId, c.unitId, c.kind, c.status, c.dueAt ?? null, c.at],
    );
    if (!c.dueAt) {
      // A stop or resume carries no due time: keep the one stored.
      await manager.query(
        `UPDATE referral_clock SET status = $2, status_at = $3
         WHERE clock_id = $1 AND status NOT IN ('met', 'cancelled') AND status_at <= $3`,
        [c.clockId, c.status, c.at],
      );
    }
  }
}
