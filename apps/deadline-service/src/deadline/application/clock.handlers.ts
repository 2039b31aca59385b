import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ClockRefV1,
  DEADLINE_BREACHED_V1,
  DEADLINE_MET_V1,
  DEADLINE_OPENED_V1,
  DeadlineBreachedV1,
  DeadlineMetV1,
  DeadlineOpenedV1,
  DEADLINE_RESUMED_V1,
  DEADLINE_STOPPED_V1,
  DeadlineResumedV1,
  DeadlineStoppedV1,
  ReferralProgressedV1,
  ReferralAcknowledgedV1,
  ReferralRoutedV1,
  ReferralType,
} from '@overgang/contracts';
import { Clock } from '@overgang/core';
import { HandlerContext, OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { inTransaction } from '@overgang/persistence';
import { CLOCK } from '../../clock.provider';
import { ANSWER_POLICY, answerDueAt, canMeet, ClockStatus } from '../domain/answer-deadline';
import { ClockOrmEntity, EarlyStopOrmEntity } from '../infrastructure/clock.orm-entity';

const KIND = 'answer' as const;

function ref(c: ClockOrmEntity): ClockRefV1 {
  return {
    clockId: c.id,
    referralId: c.referralId,
    referralType: c.referralType as ReferralType,
    kind: KIND,
    recipientOrganisationNumber: c.recipientOrganisationNumber,
    recipientUnitId: c.recipientUnitId,
  };
}

@Injectable()
export class ClockHandlers {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A routed referral opens one answer clock per recipient, from the moment it reached them. */
  async opened(e: ReferralRoutedV1, ctx: HandlerContext): Promise<void> {
    const startedAt = new Date(e.routedAt);
    const dueAt = answerDueAt(startedAt);
    for (const r of e.recipients) {
      const id = randomUUID();
      const inserted = await ctx.manager
        .createQueryBuilder()
        .insert()
        .into(ClockOrmEntity)
        .values({
          id,
          referralId: e.referralId,
          referralType: e.referralType,
          kind: KIND,
          recipientOrganisationNumber: r.organisationNumber,
          recipientUnitId: r.unitId,
          holderContactPersonId: r.contactPersonId,
          policy: ANSWER_POLICY,
          startedAt,
          dueAt,
          status: 'open',
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) continue;
      const clock = await ctx.manager.findOneByOrFail(ClockOrmEntity, { id });
      await this.outbox.write<DeadlineOpenedV1>(ctx.manager, {
        topic: DEADLINE_OPENED_V1,
        key: e.referralId,
        correlationId: ctx.envelope.correlationId,
        causationId: ctx.envelope.id,
        payload: {
          ...ref(clock),
          policy: ANSWER_POLICY,
          startedAt: startedAt.toISOString(),
          dueAt: dueAt.toISOString(),
        },
      });
      const early = await ctx.manager.findOneBy(EarlyStopOrmEntity, {
        referralId: e.referralId,
        recipientUnitId: r.unitId,
        kind: KIND,
      });
      if (early) await this.meet(ctx, clock, early.at);
    }
    ctx.afterCommit(() => this.relay.kick());
  }

  /** Acknowledgement by the recipient meets its answer clock (refined per step in the deadline engine). */
  async acknowledged(e: ReferralAcknowledgedV1, ctx: HandlerContext): Promise<void> {
    const at = new Date(e.acknowledgedAt);
    const clock = await ctx.manager.findOne(ClockOrmEntity, {
      where: { referralId: e.referralId, recipientUnitId: e.recipientUnitId, kind: KIND },
      lock: { mode: 'pessimistic_write' },
    });
    if (!clock) {
      await ctx.manager
        .createQueryBuilder()
        .insert()
        .into(EarlyStopOrmEntity)
        .values({ referralId: e.referralId, recipientUnitId: e.recipientUnitId, kind: KIND, at })
        .orIgnore()
        .execute();
      return;
    }
    if (!canMeet(clock.status as ClockStatus)) return;
    await this.meet(ctx, clock, at);
    ctx.afterCommit(() => this.relay.kick());
  }

  private async meet(ctx: HandlerContext, clock: ClockOrmEntity, at: Date): Promise<void> {
    await ctx.manager.update(ClockOrmEntity, { id: clock.id }, { status: 'met', metAt: at });
    await this.outbox.write<DeadlineMetV1>(ctx.manager, {
      topic: DEADLINE_MET_V1,
      key: clock.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...ref(clock), metAt: at.toISOString(), dueAt: clock.dueAt.toISOString() },
    });
  }

  /**
   * A step in the referral's life moves its clocks: an answer meets the recipient's clock, an end
   * without answer cancels them, a suspension (consent gone) or a request for information pauses
   * them, and the reply resumes them with the paused time added.
   */
  async progressed(e: ReferralProgressedV1, ctx: HandlerContext): Promise<void> {
    const at = new Date(e.at);
    const clocks = await ctx.manager.find(ClockOrmEntity, {
      where: { referralId: e.referralId },
      lock: { mode: 'pessimistic_write' },
    });
    const forUnit = (c: ClockOrmEntity) => !e.recipientUnitId || c.recipientUnitId === e.recipientUnitId;
    const running = (c: ClockOrmEntity) => c.status === 'open' || c.status === 'breached';
    if (e.action === 'request-information') {
      for (const c of clocks.filter((c) => running(c) && forUnit(c)))
        await this.stop(ctx, c, 'paused', 'INFORMATION_REQUESTED', at);
    } else if (e.action === 'provide-information') {
      for (const c of clocks.filter(
        (c) => c.status === 'paused' && c.pausedReason === 'INFORMATION_REQUESTED',
      )) {
        await this.resume(ctx, c, at);
      }
    } else if (e.toStatus === 'suspended') {
      for (const c of clocks.filter(running)) await this.stop(ctx, c, 'paused', e.code ?? 'SUSPENDED', at);
    } else if (['answered', 'rejected'].includes(e.toStatus) && e.recipientUnitId) {
      for (const c of clocks.filter((c) => (running(c) || c.status === 'paused') && forUnit(c)))
        await this.meet(ctx, c, at);
    } else if (['withdrawn', 'cancelled', 'completed'].includes(e.toStatus)) {
      const reason = e.toStatus.toUpperCase();
      for (const c of clocks.filter((c) => running(c) || c.status === 'paused'))
        await this.stop(ctx, c, 'cancelled', reason, at);
    }
    ctx.afterCommit(() => this.relay.kick());
  }

  private async stop(
    ctx: HandlerContext,
    c: ClockOrmEntity,
    status: 'paused' | 'cancelled',
    reasonCode: string,
    at: Date,
  ) {
    await ctx.manager.update(
      ClockOrmEntity,
      { id: c.id },
      { status, pausedAt: status === 'paused' ? at : null, pausedReason: reasonCode },
    );
    await this.outbox.write<DeadlineStoppedV1>(ctx.manager, {
      topic: DEADLINE_STOPPED_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...ref(c), status, reasonCode, stoppedAt: at.toISOString() },
    });
  }

  /** Paused time does not count: the due time moves by as long as the clock stood still. */
  private async resume(ctx: HandlerContext, c: ClockOrmEntity, at: Date) {
    const paused = Math.max(0, at.getTime() - (c.pausedAt ?? at).getTime());
    const dueAt = new Date(c.dueAt.getTime() + paused);
    const status = dueAt.getTime() < at.getTime() ? 'breached' : 'open';
    await ctx.manager.update(
      ClockOrmEntity,
      { id: c.id },
      { status, dueAt, pausedAt: null, pausedReason: null },
    );
    await this.outbox.write<DeadlineResumedV1>(ctx.manager, {
      topic: DEADLINE_RESUMED_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...ref(c), dueAt: dueAt.toISOString(), resumedAt: at.toISOString() },
    });
  }

  /**
   * Marks clocks past due as breached, a batch at a time. SKIP LOCKED lets several replicas sweep
   * without firing a clock twice; the partial index on open clocks keeps the cost to what is due.
   */
  async sweepBreaches(now = this.clock.now(), batch = 500): Promise<number> {
    return inTransaction(this.ds, async (manager: EntityManager, afterCommit) => {
      const due: ClockOrmEntity[] = await manager
        .createQueryBuilder(ClockOrmEntity, 'c')
        .where(`c.status = 'open' AND c.due_at < :now`, { now })
        .orderBy('c.due_at')
        .limit(batch)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const c of due) {
        await manager.update(ClockOrmEntity, { id: c.id }, { status: 'breached', breachedAt: now });
        await this.outbox.write<DeadlineBreachedV1>(manager, {
          topic: DEADLINE_BREACHED_V1,
          key: c.referralId,
          correlationId: `sweep-${now.toISOString()}`,
          payload: { ...ref(c), dueAt: c.dueAt.toISOString(), breachedAt: now.toISOString() },
        });
      }
      if (due.length > 0) afterCommit(() => this.relay.kick());
      return due.length;
    });
  }
}
