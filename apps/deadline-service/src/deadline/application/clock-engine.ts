import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import {
  ClockKind,
  ClockRefV1,
  DEADLINE_MET_V1,
  DEADLINE_OPENED_V1,
  DEADLINE_RESCHEDULED_V1,
  DEADLINE_RESUMED_V1,
  DEADLINE_STOPPED_V1,
  DeadlineMetV1,
  DeadlineOpenedV1,
  DeadlineRescheduledV1,
  DeadlineResumedV1,
  DeadlineStoppedV1,
  ReferralAcknowledgedV1,
  ReferralAnchorDateChangedV1,
  ReferralProgressedV1,
  ReferralRoutedV1,
  ReferralType,
} from '@overgang/contracts';
import { HandlerContext, OutboxRelay, OutboxWriter } from '@overgang/messaging';
import { computeDue, DueResult } from '../domain/due-date';
import {
  appliesToUnit,
  CataloguedPolicy,
  ClockEvent,
  policiesFor,
  policyById,
} from '../domain/policy-catalogue';
import { rungFireTimes } from '../domain/warning-ladder';
import {
  ClockChangeOrmEntity,
  ClockOrmEntity,
  ClockPauseOrmEntity,
  ClockRungOrmEntity,
  EarlyStopOrmEntity,
  ReferralAnchorOrmEntity,
} from '../infrastructure/clock.orm-entity';

/** The referral steps that stand for a catalogue event. */
const STEP_EVENTS: Record<string, ClockEvent> = {
  'report-housing-outcome': 'housing-outcome-reported',
  'confirm-deduction': 'deduction-confirmed',
  'answer-assessment': 'answered',
  'request-information': 'information-requested',
  'provide-information': 'information-provided',
};

const RUNNING = ['open', 'breached'];
const FINAL = ['withdrawn', 'cancelled', 'completed'];
/** Marks an early fact about the whole referral rather than one unit. */
const ANY_UNIT = '*';

export function clockRef(c: ClockOrmEntity): ClockRefV1 {
  return {
    clockId: c.id,
    referralId: c.referralId,
    referralType: c.referralType as ReferralType,
    kind: c.kind as ClockKind,
    recipientOrganisationNumber: c.recipientOrganisationNumber,
    recipientUnitId: c.recipientUnitId,
  };
}

/**
 * Opens, meets, pauses, resumes, moves and cancels clocks as the referral's life goes on, by the
 * policy catalogue. Runs inside the consumer's transaction; every change writes its event to the
 * outbox in that same transaction.
 */
@Injectable()
export class ClockEngine {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async routed(e: ReferralRoutedV1, ctx: HandlerContext): Promise<void> {
    const startedAt = new Date(e.routedAt);
    const known = await ctx.manager.findOneBy(ReferralAnchorOrmEntity, { referralId: e.referralId });
    const anchorDate = known?.anchorDate ?? e.anchorDate ?? null;
    const earlyStops = await ctx.manager.findBy(EarlyStopOrmEntity, { referralId: e.referralId });
    for (const r of e.recipients) {
      for (const policy of policiesFor(e.referralType)) {
        if (!appliesToUnit(policy, r.unitKind)) continue;
        // A housing plan due before a discharge date nobody knows yet opens when the date is set.
        if (policy.length.unit === 'working-days-before-anchor' && !anchorDate) continue;
        await this.open(
          ctx,
          policy,
          {
            referralId: e.referralId,
            referralType: e.referralType,
            recipientOrganisationNumber: r.organisationNumber,
            recipientUnitId: r.unitId,
            unitKind: r.unitKind,
            holderContactPersonId: r.contactPersonId,
            senderOrganisationNumber: e.senderOrganisationNumber ?? null,
            anchorDate: policy.length.unit === 'working-days-before-anchor' ? anchorDate : null,
            startedAt,
          },
          earlyStops,
        );
      }
    }
    await this.applyEarlierStatus(ctx, e.referralId);
    ctx.afterCommit(() => this.relay.kick());
  }

  /** A status the referral reached before it was routed here still applies to its new clocks. */
  private async applyEarlierStatus(ctx: HandlerContext, referralId: string): Promise<void> {
    const earlier = await ctx.manager.find(EarlyStopOrmEntity, {
      where: { referralId, recipientUnitId: ANY_UNIT },
      order: { at: 'DESC' },
    });
    const last = earlier[0];
    if (!last) return;
    const status = last.kind.replace('status:', '');
    for (const c of await this.lockClocks(ctx.manager, referralId)) {
      if (!RUNNING.includes(c.status)) continue;
      if (FINAL.includes(status)) await this.cancel(ctx, c, status.toUpperCase(), last.at);
      else await this.pause(ctx, c, 'SUSPENDED', last.at);
    }
  }

  private async remember(manager: EntityManager, referralId: string, unitId: string, kind: string, at: Date) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EarlyStopOrmEntity)
      .values({ referralId, recipientUnitId: unitId, kind, at })
      .orIgnore()
      .execute();
  }

  private async open(
    ctx: HandlerContext,
    policy: CataloguedPolicy,
    c: Omit<
      ClockOrmEntity,
      | 'id'
      | 'kind'
      | 'policy'
      | 'catalogueVersion'
      | 'dueAt'
      | 'status'
      | 'metAt'
      | 'breachedAt'
      | 'pausedAt'
      | 'pausedReason'
      | 'explanation'
    >,
    /** The referral's early facts, read once per routing rather than once per clock. */
    earlyStops?: EarlyStopOrmEntity[],
  ): Promise<void> {
    const due = computeDue(policy, { startedAt: c.startedAt, anchorDate: c.anchorDate, pauses: [] });
    if (due.paused) return;
    const clock: ClockOrmEntity = {
      ...c,
      id: randomUUID(),
      kind: policy.kind,
      policy: policy.id,
      catalogueVersion: policy.catalogueVersion,
      dueAt: due.dueAt,
      status: 'open',
      metAt: null,
      breachedAt: null,
      pausedAt: null,
      pausedReason: null,
      explanation: due.explanation,
    };
    const id = clock.id;
    const inserted = await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ClockOrmEntity)
      .values(clock)
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return; // this clock exists already (redelivery)
    await ctx.manager.insert(
      ClockRungOrmEntity,
      rungFireTimes(policy.ladder, due.dueAt).map(({ rung, fireAt }) => ({
        clockId: id,
        rungId: rung.id,
        fireAt,
        firedAt: null,
        outcome: null,
      })),
    );
    await this.outbox.write<DeadlineOpenedV1>(ctx.manager, {
      topic: DEADLINE_OPENED_V1,
      key: clock.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: {
        ...clockRef(clock),
        policy: policy.id,
        startedAt: clock.startedAt.toISOString(),
        dueAt: clock.dueAt.toISOString(),
      },
    });
    const early = earlyStops ?? (await ctx.manager.findBy(EarlyStopOrmEntity, { referralId: c.referralId }));
    const stop = early.find(
      (x) => x.recipientUnitId === c.recipientUnitId && policy.stopsOn.includes(x.kind as ClockEvent),
    );
    if (stop) await this.meet(ctx, clock, stop.at);
  }

  async acknowledged(e: ReferralAcknowledgedV1, ctx: HandlerContext): Promise<void> {
    await this.apply(ctx, e.referralId, e.recipientUnitId, 'acknowledged', new Date(e.acknowledgedAt));
  }

  async progressed(e: ReferralProgressedV1, ctx: HandlerContext): Promise<void> {
    const at = new Date(e.at);
    const event = STEP_EVENTS[e.action];
    if (event) await this.apply(ctx, e.referralId, e.recipientUnitId ?? null, event, at);
    const clocks = await this.lockClocks(ctx.manager, e.referralId);
    if (clocks.length === 0 && [...FINAL, 'suspended'].includes(e.toStatus)) {
      // Ended or suspended before its clocks opened here: remember it for when the routing arrives.
      await this.remember(ctx.manager, e.referralId, ANY_UNIT, `status:${e.toStatus}`, at);
    }
    const forUnit = (c: ClockOrmEntity) => !e.recipientUnitId || c.recipientUnitId === e.recipientUnitId;
    if (e.action === 'reject') {
      // A rejection is the unit's answer.
      for (const c of clocks.filter((c) => RUNNING.includes(c.status) && forUnit(c)))
        await this.meet(ctx, c, at);
    } else if (e.toStatus === 'suspended') {
      for (const c of clocks.filter((c) => RUNNING.includes(c.status)))
        await this.pause(ctx, c, e.code ?? 'SUSPENDED', at);
    } else if (e.action === 'mark-readmitted') {
      // The discharge is off until a new date is set: the housing plan waits with it.
      for (const c of clocks.filter((c) => RUNNING.includes(c.status) && c.kind === 'housing-plan'))
        await this.pause(ctx, c, 'READMITTED', at);
    } else if (FINAL.includes(e.toStatus)) {
      for (const c of clocks.filter((c) => RUNNING.includes(c.status) || c.status === 'paused')) {
        await this.cancel(ctx, c, e.toStatus.toUpperCase(), at);
      }
    }
    ctx.afterCommit(() => this.relay.kick());
  }

  /** The release or discharge date moved: clocks anchored to it are recomputed, or opened once it is set. */
  async anchorChanged(e: ReferralAnchorDateChangedV1, ctx: HandlerContext): Promise<void> {
    const at = new Date(e.changedAt);
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(ReferralAnchorOrmEntity)
      .values({ referralId: e.referralId, anchorDate: e.to, changedAt: at })
      .orUpdate(['anchor_date', 'changed_at'], ['referral_id'])
      .execute();
    const clocks = await this.lockClocks(ctx.manager, e.referralId);
    for (const policy of policiesFor(e.referralType).filter(
      (p) => p.length.unit === 'working-days-before-anchor',
    )) {
      const anchored = clocks.filter((c) => c.policy === policy.id);
      for (const c of anchored.filter((c) => RUNNING.includes(c.status) || c.status === 'paused')) {
        await this.reschedule(ctx, c, policy, e.to, e.reasonCode, e.from ?? null, at);
      }
      if (anchored.length > 0) continue;
      // First date for a referral already routed: open its anchored clocks for the units it applies to.
      const units = new Map(
        clocks.filter((c) => appliesToUnit(policy, c.unitKind)).map((c) => [c.recipientUnitId, c]),
      );
      for (const u of units.values()) {
        await this.open(ctx, policy, {
          referralId: u.referralId,
          referralType: u.referralType,
          recipientOrganisationNumber: u.recipientOrganisationNumber,
          recipientUnitId: u.recipientUnitId,
          unitKind: u.unitKind,
          holderContactPersonId: u.holderContactPersonId,
          senderOrganisationNumber: u.senderOrganisationNumber,
          anchorDate: e.to,
          startedAt: u.startedAt,
        });
      }
    }
    ctx.afterCommit(() => this.relay.kick());
  }

  private lockClocks(manager: EntityManager, referralId: string): Promise<ClockOrmEntity[]> {
    return manager.find(ClockOrmEntity, {
      where: { referralId },
      order: { startedAt: 'ASC', kind: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A catalogue event for one unit (or all units when unitId is null): meets, pauses or resumes. */
  private async apply(
    ctx: HandlerContext,
    referralId: string,
    unitId: string | null,
    event: ClockEvent,
    at: Date,
  ): Promise<void> {
    const clocks = (await this.lockClocks(ctx.manager, referralId)).filter(
      (c) => !unitId || c.recipientUnitId === unitId,
    );
    if (unitId && clocks.length === 0) await this.remember(ctx.manager, referralId, unitId, event, at);
    for (const c of clocks) {
      const policy = policyById(c.policy);
      if (policy.stopsOn.includes(event) && (RUNNING.includes(c.status) || c.status === 'paused'))
        await this.meet(ctx, c, at);
      else if (policy.pausesOn.includes(event) && RUNNING.includes(c.status))
        await this.pause(ctx, c, event.toUpperCase().replace(/-/g, '_'), at);
      else if (policy.resumesOn.includes(event) && c.status === 'paused')
        await this.resume(ctx, c, policy, at);
    }
    ctx.afterCommit(() => this.relay.kick());
  }

  private async meet(ctx: HandlerContext, c: ClockOrmEntity, at: Date): Promise<void> {
    await ctx.manager.update(ClockOrmEntity, { id: c.id }, { status: 'met', metAt: at, pausedAt: null });
    await this.closeOpenPause(ctx.manager, c.id, at);
    await this.silenceRungs(ctx.manager, c.id);
    await this.outbox.write<DeadlineMetV1>(ctx.manager, {
      topic: DEADLINE_MET_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...clockRef(c), metAt: at.toISOString(), dueAt: c.dueAt.toISOString() },
    });
    c.status = 'met';
  }

  private async cancel(ctx: HandlerContext, c: ClockOrmEntity, reasonCode: string, at: Date): Promise<void> {
    await ctx.manager.update(ClockOrmEntity, { id: c.id }, { status: 'cancelled', pausedReason: reasonCode });
    await this.closeOpenPause(ctx.manager, c.id, at);
    await this.silenceRungs(ctx.manager, c.id);
    await this.stopped(ctx, c, 'cancelled', reasonCode, at);
  }

  private async pause(ctx: HandlerContext, c: ClockOrmEntity, reasonCode: string, at: Date): Promise<void> {
    await ctx.manager.update(
      ClockOrmEntity,
      { id: c.id },
      { status: 'paused', pausedAt: at, pausedReason: reasonCode },
    );
    await ctx.manager.insert(ClockPauseOrmEntity, {
      id: randomUUID(),
      clockId: c.id,
      fromAt: at,
      toAt: null,
      reason: reasonCode,
    });
    await this.silenceRungs(ctx.manager, c.id);
    await this.stopped(ctx, c, 'paused', reasonCode, at);
    c.status = 'paused';
  }

  /** Paused time does not count: the due time is computed again with the pause ledger. */
  private async resume(
    ctx: HandlerContext,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    at: Date,
  ): Promise<void> {
    await this.closeOpenPause(ctx.manager, c.id, at);
    const due = await this.recompute(ctx.manager, c, policy, c.anchorDate);
    if (due.paused) return;
    const status = c.breachedAt ? 'breached' : 'open';
    await ctx.manager.update(
      ClockOrmEntity,
      { id: c.id },
      { status, dueAt: due.dueAt, pausedAt: null, pausedReason: null, explanation: due.explanation },
    );
    await this.recordChange(
      ctx.manager,
      c,
      `resumed after ${c.pausedReason ?? 'pause'}`,
      due.dueAt,
      at,
      null,
      null,
    );
    await this.scheduleRungs(ctx.manager, c.id, policy, due.dueAt);
    await this.outbox.write<DeadlineResumedV1>(ctx.manager, {
      topic: DEADLINE_RESUMED_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...clockRef(c), status, dueAt: due.dueAt.toISOString(), resumedAt: at.toISOString() },
    });
  }

  private async reschedule(
    ctx: HandlerContext,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    anchorTo: string,
    reasonCode: string,
    anchorFrom: string | null,
    at: Date,
  ): Promise<void> {
    if (c.status === 'paused' && c.pausedReason === 'READMITTED') {
      // A new discharge date after a readmission lets the housing plan run again.
      await this.closeOpenPause(ctx.manager, c.id, at);
    }
    const due = await this.recompute(ctx.manager, c, policy, anchorTo);
    if (due.paused) {
      await ctx.manager.update(
        ClockOrmEntity,
        { id: c.id },
        { anchorDate: anchorTo, explanation: due.explanation },
      );
      return;
    }
    // Moved later than the breach: it is owed in time again; moved earlier: the ladder catches up.
    const breached = due.dueAt.getTime() < at.getTime() && c.breachedAt !== null;
    await ctx.manager.update(
      ClockOrmEntity,
      { id: c.id },
      {
        anchorDate: anchorTo,
        dueAt: due.dueAt,
        status: breached ? 'breached' : 'open',
        breachedAt: breached ? c.breachedAt : null,
        pausedAt: null,
        pausedReason: null,
        explanation: due.explanation,
      },
    );
    await this.recordChange(ctx.manager, c, reasonCode, due.dueAt, at, anchorFrom, anchorTo);
    await this.scheduleRungs(ctx.manager, c.id, policy, due.dueAt, !breached);
    await this.outbox.write<DeadlineRescheduledV1>(ctx.manager, {
      topic: DEADLINE_RESCHEDULED_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: {
        ...clockRef(c),
        status: breached ? 'breached' : 'open',
        dueAt: due.dueAt.toISOString(),
        reasonCode,
        rescheduledAt: at.toISOString(),
      },
    });
  }

  private async recompute(
    manager: EntityManager,
    c: ClockOrmEntity,
    policy: CataloguedPolicy,
    anchorDate: string | null,
  ): Promise<DueResult> {
    const pauses = await manager.find(ClockPauseOrmEntity, {
      where: { clockId: c.id },
      order: { fromAt: 'ASC' },
    });
    return computeDue(policy, {
      startedAt: c.startedAt,
      anchorDate,
      // A date-anchored deadline does not move for a pause (the release or discharge date does not wait).
      pauses:
        policy.length.unit === 'working-days-before-anchor'
          ? []
          : pauses.map((x) => ({ from: x.fromAt, to: x.toAt, reason: x.reason })),
    });
  }

  /**
   * Unfired rungs follow the new due time. With `rearmBreach`, a breach that had fired for an
   * earlier due time fires again if the new one passes too (the ladder restarts past that point).
   */
  private async scheduleRungs(
    manager: EntityManager,
    clockId: string,
    policy: CataloguedPolicy,
    dueAt: Date,
    rearmBreach = false,
  ): Promise<void> {
    for (const { rung, fireAt } of rungFireTimes(policy.ladder, dueAt)) {
      const where = rearmBreach
        ? { clockId, rungId: rung.id }
        : { clockId, rungId: rung.id, firedAt: IsNull() };
      await manager.update(
        ClockRungOrmEntity,
        where,
        rearmBreach ? { fireAt, firedAt: null, outcome: null } : { fireAt },
      );
    }
  }

  private async silenceRungs(manager: EntityManager, clockId: string): Promise<void> {
    await manager.update(
      ClockRungOrmEntity,
      { clockId, firedAt: IsNull(), fireAt: Not(IsNull()) },
      { fireAt: null },
    );
  }

  private async closeOpenPause(manager: EntityManager, clockId: string, at: Date): Promise<void> {
    await manager.update(ClockPauseOrmEntity, { clockId, toAt: IsNull() }, { toAt: at });
  }

  private async recordChange(
    manager: EntityManager,
    c: ClockOrmEntity,
    reason: string,
    toDue: Date,
    at: Date,
    anchorFrom: string | null,
    anchorTo: string | null,
  ): Promise<void> {
    await manager.insert(ClockChangeOrmEntity, {
      id: randomUUID(),
      clockId: c.id,
      at,
      reason,
      fromDue: c.dueAt,
      toDue,
      anchorFrom,
      anchorTo,
    });
  }

  private async stopped(
    ctx: HandlerContext,
    c: ClockOrmEntity,
    status: 'paused' | 'cancelled',
    reasonCode: string,
    at: Date,
  ): Promise<void> {
    await this.outbox.write<DeadlineStoppedV1>(ctx.manager, {
      topic: DEADLINE_STOPPED_V1,
      key: c.referralId,
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.id,
      payload: { ...clockRef(c), status, reasonCode, stoppedAt: at.toISOString() },
    });
  }
}
