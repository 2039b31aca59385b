import { Injectable } from '@nestjs/common';
import {
  DEADLINE_MET_V1,
  DEADLINE_RESCHEDULED_V1,
  DEADLINE_RESUMED_V1,
  DEADLINE_STOPPED_V1,
  DeadlineMetV1,
  DeadlineRescheduledV1,
  DeadlineResumedV1,
  DeadlineStoppedV1,
} from '@overgang/contracts';
import { EventOrder, isNewer, OutboxWriter } from '@overgang/messaging';
import { computeDue, DueResult } from '../../domain/due-date';
import { isMetLate, noticeFromAfterMove, noticeOf } from '../../domain/notice';
import { CataloguedPolicy } from '../../domain/policy-catalogue';
import { rungFireTimes } from '../../domain/warning-ladder';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { DatabaseClock } from '../../infrastructure/database-clock';
import { ClockRungRepository, RungTime } from '../../infrastructure/clock-rung.repository';
import { ClockContext, clockMessage } from './clock-context';
import { clockRef } from './clock-ref';

/** The clock's record of the pause or resume it applied last. */
function pauseOrder(order: EventOrder): Pick<ClockOrmEntity, 'pauseSequence' | 'pauseEventAt'> {
  return { pauseSequence: order.sequence === null ? null : String(order.sequence), pauseEventAt: order.at };
}

export function ladderTimes(policy: CataloguedPolicy, dueAt: Date): RungTime[] {
  return rungFireTimes(policy.ladder, dueAt).map(({ rung, fireAt }) => ({ rungId: rung.id, fireAt }));
}

/**
 * Meets, cancels, pauses, resumes and moves one clock, with its pause ledger and ladder, and
 * writes the event announcing it to the outbox in the same transaction.
 */
@Injectable()
export class ClockTransitions {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly rungs: ClockRungRepository,
    private readonly outbox: OutboxWriter,
    private readonly databaseClock: DatabaseClock,
  ) {}

  async meet(ctx: ClockContext, c: ClockOrmEntity, at: Date): Promise<void> {
    const late = isMetLate(c.dueAt, at);
    await this.clocks.update(ctx.manager, c.id, { status: 'met', metAt: at, pausedAt: null, metLate: late });
    await this.clocks.closeOpenPause(ctx.manager, c.id, at);
    await this.rungs.silence(ctx.manager, c.id);
    await this.outbox.write<DeadlineMetV1>(
      ctx.manager,
      clockMessage(ctx, c, DEADLINE_MET_V1, {
        ...clockRef(c),
        metAt: at.toISOString(),
        dueAt: c.dueAt.toISOString(),
        late,
        shortNotice: c.shortNotice,
      }),
    );
    Object.assign(c, { status: 'met', metAt: at, metLate: late });
  }

  /**
   * With `order`, a cancellation is ordered with the pauses and resumes (a referral can leave a
   * final status again: readmitted after the discharge), so an older one changes nothing.
   */
  async cancel(
    ctx: ClockContext,
    c: ClockOrmEntity,
    reasonCode: string,
    at: Date,
    order?: EventOrder,
  ): Promise<void> {
    if (order && !this.takesPauseOrder(c, order)) return;
    await this.clocks.update(ctx.manager, c.id, {
      status: 'cancelled',
      pausedReason: reasonCode,
      ...(order ? pauseOrder(order) : {}),
    });
    Object.assign(c, { status: 'cancelled', pausedReason: reasonCode }, order ? pauseOrder(order) : {});
    await this.clocks.closeOpenPause(ctx.manager, c.id, at);
    await this.rungs.silence(ctx.manager, c.id);
    await this.stopped(ctx, c, 'cancelled', reasonCode, at);
  }

  /**
   * Pauses and resumes undo each other, so each applies only when newer than the one the clock last
   * applied (`order`: the referral event's sequence and time; by default the time alone).
   */
  async pause(
    ctx: ClockContext,
    c: ClockOrmEntity,
    reasonCode: string,
    at: Date,
    order: EventOrder = { sequence: null, at },
  ): Promise<void> {
    if (!this.takesPauseOrder(c, order)) return;
    await this.clocks.update(ctx.manager, c.id, {
      status: 'paused',
      pausedAt: at,
      pausedReason: reasonCode,
      ...pauseOrder(order),
    });
    await this.clocks.openPause(ctx.manager, c.id, at, reasonCode);
    await this.rungs.silence(ctx.manager, c.id);
    await this.stopped(ctx, c, 'paused', reasonCode, at);
    Object.assign(c, { status: 'paused' }, pauseOrder(order));
  }

  /** Paused time does not count: the due time is computed again with the pause ledger. */
  async resume(
    ctx: ClockContext,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    at: Date,
    order: EventOrder = { sequence: null, at },
  ): Promise<void> {
    if (!this.takesPauseOrder(c, order)) return;
    await this.clocks.closeOpenPause(ctx.manager, c.id, at);
    const due = await this.recompute(ctx, c, policy, c.anchorDate, c.respondFrom);
    if (due.paused) return;
    const status = c.breachedAt ? 'breached' : 'open';
    await this.clocks.update(ctx.manager, c.id, {
      ...pauseOrder(order),
      status,
      dueAt: due.dueAt,
      pausedAt: null,
      pausedReason: null,
      explanation: due.explanation,
    });
    Object.assign(c, { status }, pauseOrder(order));
    await this.clocks.recordChange(ctx.manager, {
      clockId: c.id,
      at,
      reason: `resumed after ${c.pausedReason ?? 'pause'}`,
      fromDue: c.dueAt,
      toDue: due.dueAt,
      anchorFrom: null,
      anchorTo: null,
    });
    await this.rungs.move(ctx.manager, c.id, ladderTimes(policy, due.dueAt));
    await this.outbox.write<DeadlineResumedV1>(
      ctx.manager,
      clockMessage(ctx, c, DEADLINE_RESUMED_V1, {
        ...clockRef(c),
        status,
        dueAt: due.dueAt.toISOString(),
        resumedAt: at.toISOString(),
      }),
    );
  }

  /** The date an anchored clock counts back from moved. */
  async reschedule(
    ctx: ClockContext,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    move: { anchorFrom: string | null; anchorTo: string; reasonCode: string; at: Date; order: EventOrder },
  ): Promise<void> {
    const { anchorFrom, anchorTo, reasonCode, at } = move;
    const resumes = c.status === 'paused' && c.pausedReason === 'READMITTED';
    if (resumes) {
      // A new discharge date after a readmission lets the housing plan run again.
      await this.clocks.closeOpenPause(ctx.manager, c.id, at);
    }
    // A moved date is news from the move: never due before it, nor sooner than the minimum response.
    const due = await this.recompute(ctx, c, policy, anchorTo, at);
    const noticeFrom = noticeFromAfterMove(c, { anchorTo, at });
    const notice = noticeOf(policy, noticeFrom, anchorTo);
    const fairness = { ...notice, noticeFrom, respondFrom: at };
    if (due.paused) {
      await this.clocks.update(ctx.manager, c.id, {
        anchorDate: anchorTo,
        explanation: due.explanation,
        ...fairness,
      });
      return;
    }
    // Moved later than the breach: it is owed in time again; moved earlier: the ladder catches up.
    // "Already past due" is asked of the database clock, not of the producer's or this process's.
    const now = await this.databaseClock.now(ctx.manager);
    const breached = due.dueAt.getTime() < now.getTime() && c.breachedAt !== null;
    await this.clocks.update(ctx.manager, c.id, {
      ...(resumes ? pauseOrder(move.order) : {}),
      anchorDate: anchorTo,
      dueAt: due.dueAt,
      status: breached ? 'breached' : 'open',
      breachedAt: breached ? c.breachedAt : null,
      pausedAt: null,
      pausedReason: null,
      explanation: due.explanation,
      ...fairness,
    });
    Object.assign(c, fairness);
    await this.clocks.recordChange(ctx.manager, {
      clockId: c.id,
      at,
      reason: reasonCode,
      fromDue: c.dueAt,
      toDue: due.dueAt,
      anchorFrom,
      anchorTo,
    });
    await this.rungs.move(ctx.manager, c.id, ladderTimes(policy, due.dueAt), !breached);
    await this.outbox.write<DeadlineRescheduledV1>(
      ctx.manager,
      clockMessage(ctx, c, DEADLINE_RESCHEDULED_V1, {
        ...clockRef(c),
        status: breached ? 'breached' : 'open',
        dueAt: due.dueAt.toISOString(),
        reasonCode,
        rescheduledAt: at.toISOString(),
        noticeGivenDays: notice.noticeGivenDays,
        shortNotice: notice.shortNotice,
      }),
    );
  }

  private takesPauseOrder(c: ClockOrmEntity, order: EventOrder): boolean {
    return isNewer(order, { sequence: c.pauseSequence, at: c.pauseEventAt });
  }

  private async recompute(
    ctx: ClockContext,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    anchorDate: string | null,
    respondFrom: Date | null,
  ): Promise<DueResult> {
    const pauses = await this.clocks.pauses(ctx.manager, c.id);
    return computeDue(policy, {
      startedAt: c.startedAt,
      anchorDate,
      respondFrom,
      // A date-anchored deadline does not move for a pause (the release or discharge date does not wait).
      pauses:
        policy.length.unit === 'working-days-before-anchor'
          ? []
          : pauses.map((x) => ({ from: x.fromAt, to: x.toAt, reason: x.reason })),
    });
  }

  private async stopped(
    ctx: ClockContext,
    c: ClockOrmEntity,
    status: 'paused' | 'cancelled',
    reasonCode: string,
    at: Date,
  ): Promise<void> {
    await this.outbox.write<DeadlineStoppedV1>(
      ctx.manager,
      clockMessage(ctx, c, DEADLINE_STOPPED_V1, {
        ...clockRef(c),
        status,
        reasonCode,
        stoppedAt: at.toISOString(),
      }),
    );
  }
}
