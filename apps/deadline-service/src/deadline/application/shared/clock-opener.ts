import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DEADLINE_OPENED_V1, DeadlineOpenedV1 } from '@overgang/contracts';
import { OutboxWriter } from '@overgang/messaging';
import { computeDue } from '../../domain/due-date';
import { noticeOf } from '../../domain/notice';
import { CataloguedPolicy, isStepOpened } from '../../domain/policy-catalogue';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';
import { ClockRepository, EarlyEvent } from '../../infrastructure/clock.repository';
import { ClockRungRepository } from '../../infrastructure/clock-rung.repository';
import { ClockContext, clockMessage } from './clock-context';
import { clockRef } from './clock-ref';
import { ClockTransitions, ladderTimes } from './clock-transitions';

/** Who owes a new clock and since when; the policy fills in the rest. */
export type NewClock = Pick<
  ClockOrmEntity,
  | 'referralId'
  | 'referralType'
  | 'recipientOrganisationNumber'
  | 'recipientUnitId'
  | 'unitKind'
  | 'holderContactPersonId'
  | 'coHolderContactPersonId'
  | 'senderOrganisationNumber'
  | 'anchorDate'
  | 'startedAt'
>;

/** A clock a step opened: its round and why (the routing's clocks are round 1, no reason). */
export interface OpenedBy {
  round: number;
  reasonCode: string;
}

/** Opens one clock of a policy with its ladder, once, and applies what arrived for it early. */
@Injectable()
export class ClockOpener {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly rungs: ClockRungRepository,
    private readonly transitions: ClockTransitions,
    private readonly outbox: OutboxWriter,
  ) {}

  async open(
    ctx: ClockContext,
    policy: CataloguedPolicy,
    c: NewClock,
    /** The referral's early events, read once per routing rather than once per clock. */
    earlyEvents?: EarlyEvent[],
    /** When the recipient heard of the date (a date set after routing); by default the clock's start. */
    noticeAt: Date = c.startedAt,
    openedBy: OpenedBy | null = null,
  ): Promise<ClockOrmEntity | null> {
    const due = computeDue(policy, {
      startedAt: c.startedAt,
      anchorDate: c.anchorDate,
      pauses: [],
      respondFrom: noticeAt,
    });
    if (due.paused) return null;
    const notice = noticeOf(policy, noticeAt, c.anchorDate);
    const clock: ClockOrmEntity = {
      ...c,
      id: randomUUID(),
      kind: policy.kind,
      round: openedBy?.round ?? 1,
      openedReason: openedBy?.reasonCode ?? null,
      policy: policy.id,
      catalogueVersion: policy.catalogueVersion,
      dueAt: due.dueAt,
      status: 'open',
      metAt: null,
      breachedAt: null,
      pausedAt: null,
      pausedReason: null,
      explanation: due.explanation,
      pauseSequence: null,
      pauseEventAt: null,
      ...notice,
      noticeFrom: notice.leadTimeDays === null ? null : noticeAt,
      respondFrom: noticeAt,
      metLate: false,
    };
    if (!(await this.clocks.insertIfAbsent(ctx.manager, clock))) return null; // a redelivery
    await this.rungs.insertLadder(ctx.manager, clock.id, ladderTimes(policy, due.dueAt));
    await this.outbox.write<DeadlineOpenedV1>(
      ctx.manager,
      clockMessage(ctx, clock, DEADLINE_OPENED_V1, {
        ...clockRef(clock),
        policy: policy.id,
        startedAt: clock.startedAt.toISOString(),
        dueAt: clock.dueAt.toISOString(),
        ...notice,
        ...(openedBy ? { round: openedBy.round, reasonCode: openedBy.reasonCode } : {}),
      }),
    );
    const early = earlyEvents ?? (await this.clocks.earlyEvents(ctx.manager, c.referralId));
    // A step-opened round is met only by what came after the step (an earlier round's answer is not its own).
    const stop = early.find(
      (x) =>
        x.unitId === c.recipientUnitId &&
        policy.stopsOn.includes(x.event) &&
        (!isStepOpened(policy) || x.at.getTime() >= c.startedAt.getTime()),
    );
    if (stop) await this.transitions.meet(ctx, clock, stop.at);
    const withheld = early.find((x) => x.unitId === c.recipientUnitId && x.event === 'withheld');
    if (!stop && withheld) {
      const from = new Date(Math.max(withheld.at.getTime(), c.startedAt.getTime()));
      await this.transitions.pause(ctx, clock, 'CONSENT_WITHDRAWN', from);
    }
    return clock;
  }
}
