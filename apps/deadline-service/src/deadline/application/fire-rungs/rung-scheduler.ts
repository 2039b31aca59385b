import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { DataSource, EntityManager } from 'typeorm';
import {
  DEADLINE_BREACHED_V1,
  DEADLINE_ESCALATED_V1,
  DEADLINE_WARNING_ISSUED_V1,
  DeadlineBreachedV1,
  DeadlineEscalatedV1,
  DeadlineWarningIssuedV1,
} from '@overgang/contracts';
import { SERVICE_ENV } from '@overgang/config';
import { CLOCK, Clock } from '@overgang/core';
import { OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { DeadlineServiceEnv } from '../../../config/env.schema';
import { isRunning } from '../../domain/clock-status';
import { policyById } from '../../domain/policy-catalogue';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClaimedRung, ClockRungRepository } from '../../infrastructure/clock-rung.repository';
import { DatabaseClock } from '../../infrastructure/database-clock';
import { clockRef } from '../shared/clock-ref';

/** Test hook: runs inside the sweep's transaction after the rungs are claimed, before commit. */
export const SWEEP_HOOK = Symbol('SWEEP_HOOK');
export type SweepHook = (claimed: number) => Promise<void> | void;

export interface TickOutcome {
  fired: number;
  /** This process's clock minus the database's, in ms. */
  skewMs: number;
  /** True when the skew was too large to fire anything. */
  refused: boolean;
}

/**
 * Fires the warning ladders. Each sweep claims the due rungs with FOR UPDATE SKIP LOCKED (never
 * waiting on a lock, so it cannot deadlock with a consumer), marks them fired and writes their
 * events in one transaction: a rung fires exactly once across replicas and restarts, and a sweep
 * killed half-way commits nothing. The partial index on unfired fire_at keeps a sweep's cost to
 * what is due, not to what is open.
 */
@Injectable()
export class RungScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RungScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  /** Whether the last tick refused to fire for a skewed process clock (logged once per episode). */
  private refusing = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clockRepository: ClockRepository,
    private readonly rungRepository: ClockRungRepository,
    private readonly outbox: OutboxWriter,
    private readonly databaseClock: DatabaseClock,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: DeadlineServiceEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err: unknown) =>
          this.logger.warn({ msg: 'rung sweep failed, retried next tick', err: safeError(err) }),
        )
        .finally(() => (this.running = null));
    }, this.env.DEADLINE_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * The periodic sweep, as of the database's clock. A process whose own clock is further off it than
   * DEADLINE_MAX_CLOCK_SKEW_MS fires nothing: its machine's time is not to be trusted, and a jumped
   * clock once breached clocks early, for good.
   */
  async tick(): Promise<TickOutcome> {
    const skewMs = await this.processClockSkewMs();
    if (Math.abs(skewMs) > this.env.DEADLINE_MAX_CLOCK_SKEW_MS) {
      if (!this.refusing)
        this.logger.warn(
          `process clock is ${skewMs} ms off the database clock (allowed ${this.env.DEADLINE_MAX_CLOCK_SKEW_MS} ms): no warning-ladder rungs fire from this process until it is back within`,
        );
      this.refusing = true;
      return { fired: 0, skewMs, refused: true };
    }
    if (this.refusing) this.logger.log(`process clock back within ${skewMs} ms of the database clock`);
    this.refusing = false;
    return { fired: await this.drain(), skewMs, refused: false };
  }

  /** How far this process's clock is ahead of the database's (negative: behind), in ms. */
  async processClockSkewMs(): Promise<number> {
    const before = this.clock.now().getTime();
    const db = await this.databaseClock.now();
    const after = this.clock.now().getTime();
    return Math.round((before + after) / 2 - db.getTime());
  }

  /** Sweeps until nothing more is due; as of `now` when given (tests, benchmarks), else the database's now. */
  async drain(now?: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.sweep(now);
      total += fired;
      if (fired < this.env.DEADLINE_SWEEP_BATCH) return total;
    }
  }

  async sweep(at?: Date, hook?: SweepHook): Promise<number> {
    return inTransaction(this.ds, async (manager) => {
      const now = at ?? (await this.databaseClock.now(manager));
      const claimed = await this.rungRepository.claimDue(manager, now, this.env.DEADLINE_SWEEP_BATCH);
      if (claimed.length === 0) return 0;
      const clocks = await this.clockRepository.lockAvailable(manager, [
        ...new Set(claimed.map((r) => r.clockId)),
      ]);
      // One referral after another (stable, so each keeps its rungs' order): each event takes its
      // referral's outbox sequence, and replicas taking them in one order cannot deadlock.
      const byReferral = (r: ClaimedRung) => clocks.get(r.clockId)?.referralId ?? '';
      for (const r of [...claimed].sort((a, b) => byReferral(a).localeCompare(byReferral(b)))) {
        const clock = clocks.get(r.clockId);
        if (!clock) continue; // a consumer holds the clock right now; the rung stays due for the next sweep
        await this.fire(manager, clock, r, now);
      }
      await hook?.(claimed.length);
      return claimed.length;
    });
  }

  private async fire(
    manager: EntityManager,
    clock: ClockOrmEntity,
    r: ClaimedRung,
    now: Date,
  ): Promise<void> {
    const rung = policyById(clock.policy).ladder.find((x) => x.id === r.rungId);
    const live = isRunning(clock.status);
    // A warning overtaken by the breach (a date brought forward into the past) is not sent late.
    const overtaken = rung?.event === 'deadline.warning-issued.v1' && now.getTime() > clock.dueAt.getTime();
    const outcome = !rung || !live ? 'dropped' : overtaken ? 'skipped' : 'fired';
    await this.rungRepository.markFired(manager, r.clockId, r.rungId, now, outcome);
    if (outcome !== 'fired' || !rung) return;
    const payload = {
      ...clockRef(clock),
      rungId: rung.id,
      audience: rung.audience,
      holderContactPersonId: clock.holderContactPersonId,
      coHolderContactPersonId: clock.coHolderContactPersonId,
      dueAt: clock.dueAt.toISOString(),
      firedAt: now.toISOString(),
    };
    const message = { key: clock.referralId, correlationId: `deadline-${clock.id}`, occurredAt: now };
    switch (rung.event) {
      case 'deadline.warning-issued.v1':
        await this.outbox.write<DeadlineWarningIssuedV1>(manager, {
          ...message,
          topic: DEADLINE_WARNING_ISSUED_V1,
          payload,
        });
        break;
      case 'deadline.escalated.v1':
        await this.outbox.write<DeadlineEscalatedV1>(manager, {
          ...message,
          topic: DEADLINE_ESCALATED_V1,
          payload,
        });
        break;
      case 'deadline.breached.v1':
        await this.clockRepository.update(manager, clock.id, { status: 'breached', breachedAt: now });
        await this.outbox.write<DeadlineBreachedV1>(manager, {
          ...message,
          topic: DEADLINE_BREACHED_V1,
          payload: {
            ...clockRef(clock),
            dueAt: payload.dueAt,
            breachedAt: payload.firedAt,
            cause: clock.shortNotice ? 'late-notice' : 'recipient',
          },
        });
        break;
    }
  }
}
