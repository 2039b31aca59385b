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
      if (inserted.raw.length === 0) continue;
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
