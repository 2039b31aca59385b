import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DEADLINE_OPENED_V1, DeadlineOpenedV1 } from '@overgang/contracts';
import { OutboxWriter } from '@overgang/messaging';
import { computeDue } from '../../domain/due-date';
import { noticeOf } from '../../domain/notice';
import { CataloguedPolicy } from '../../domain/policy-catalogue';
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
  ): Promise<void> {
    const due = computeDue(policy, {
      startedAt: c.startedAt,
      anchorDate: c.anchorDate,
      pauses: [],
      respondFrom: noticeAt,
    });
    if (due.paused) return;
    const notice = noticeOf(policy, noticeAt, c.anchorDate);
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
      pauseSequence: null,
      pauseEventAt: null,
      ...notice,
      noticeFrom: notice.leadTimeDays === null ? null : noticeAt,
      respondFrom: noticeAt,
      metLate: false,
    };
    if (!(await this.clocks.insertIfAbsent(ctx.manager, clock))) return; // a redelivery
    await this.rungs.insertLadder(ctx.manager, clock.id, ladderTimes(policy, due.dueAt));
    await this.outbox.write<DeadlineOpenedV1>(
      ctx.manager,
      clockMessage(ctx, clock, DEADLINE_OPENED_V1, {
        ...clockRef(clock),
        policy: policy.id,
        startedAt: clock.startedAt.toISOString(),
        dueAt: clock.dueAt.toISOString(),
        ...notice,
      }),
    );
    const early = earlyEvents ?? (await this.clocks.earlyEvents(ctx.manager, c.referralId));
    const stop = early.find((x) => x.unitId === c.recipientUnitId && policy.stopsOn.includes(x.event));
    if (stop) await this.transitions.meet(ctx, clock, stop.at);
  }
}
