import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { ClockRungOrmEntity } from './clock.orm-entity';

export interface RungTime {
  rungId: string;
  fireAt: Date;
}

export interface ClaimedRung {
  clockId: string;
  rungId: string;
  fireAt: Date;
}

/** The warning ladders' claim table (ADR 0003); always inside the caller's transaction. */
@Injectable()
export class ClockRungRepository {
  async insertLadder(manager: EntityManager, clockId: string, rungs: readonly RungTime[]): Promise<void> {
    await manager.insert(
      ClockRungOrmEntity,
      rungs.map(({ rungId, fireAt }) => ({ clockId, rungId, fireAt, firedAt: null, outcome: null })),
    );
  }

  /**
   * Unfired rungs follow the new due time. With `rearmBreach`, a breach that had fired for an
   * earlier due time fires again if the new one passes too (the ladder restarts past that point).
   */
  async move(
    manager: EntityManager,
    clockId: string,
    rungs: readonly RungTime[],
    rearmBreach = false,
  ): Promise<void> {
    for (const { rungId, fireAt } of rungs) {
      const where = rearmBreach ? { clockId, rungId } : { clockId, rungId, firedAt: IsNull() };
      await manager.update(
        ClockRungOrmEntity,
        where,
        rearmBreach ? { fireAt, firedAt: null, outcome: null } : { fireAt },
      );
    }
  }

  /** A paused or closed clock warns no one: its unfired rungs are not due at all. */
  async silence(manager: EntityManager, clockId: string): Promise<void> {
    await manager.update(
      ClockRungOrmEntity,
      { clockId, firedAt: IsNull(), fireAt: Not(IsNull()) },
      { fireAt: null },
    );
  }

  /**
   * Claims up to `limit` rungs due by `now`, never waiting on a lock (so a sweep cannot deadlock
   * with a consumer or another replica); the partial index on unfired fire_at serves it.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedRung[]> {
    const rows: Array<{ clock_id: string; rung_id: string; fire_at: Date }> = await manager.query(
      `SELECT r.clock_id, r.rung_id, r.fire_at FROM clock_rung r
       WHERE r.fired_at IS NULL AND r.fire_at IS NOT NULL AND r.fire_at <= $1
       ORDER BY r.fire_at LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => ({ clockId: r.clock_id, rungId: r.rung_id, fireAt: r.fire_at }));
  }

  async markFired(
    manager: EntityManager,
    clockId: string,
    rungId: string,
    firedAt: Date,
    outcome: 'fired' | 'skipped' | 'dropped',
  ): Promise<void> {
    await manager.update(ClockRungOrmEntity, { clockId, rungId }, { firedAt, outcome });
  }
}
