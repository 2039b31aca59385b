import { Injectable } from '@nestjs/common';
import type { ReferralType } from '@overgang/contracts';
import { EventOrder, isNewer } from '@overgang/messaging';
import { isOwed } from '../../domain/clock-status';
import {
  appliesToUnit,
  CataloguedPolicy,
  ClockEvent,
  eventReasonCode,
  policiesFor,
  stepPoliciesFor,
} from '../../domain/policy-catalogue';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';
import { ClockRepository } from '../../infrastructure/clock.repository';
import { ClockContext } from './clock-context';
import { ClockOpener, NewClock } from './clock-opener';
import { ClockTransitions } from './clock-transitions';

/**
 * The round a step opens for one unit, or null: none while a round is still owed (a second
 * request folds into the pending one), nor for a step no newer than the last round's start (a
 * replay after the confirmation).
 */
export function nextRound(rounds: readonly ClockOrmEntity[], at: Date): number | null {
  if (rounds.some((c) => isOwed(c.status) || c.startedAt.getTime() >= at.getTime())) return null;
  return Math.max(0, ...rounds.map((c) => c.round)) + 1;
}

/** The unit's fields a new clock copies from the unit's latest clock (holder, organisation, sender). */
function fromUnit(u: ClockOrmEntity, anchorDate: string | null, startedAt: Date): NewClock {
  return {
    referralId: u.referralId,
    referralType: u.referralType,
    recipientOrganisationNumber: u.recipientOrganisationNumber,
    recipientUnitId: u.recipientUnitId,
    unitKind: u.unitKind,
    holderContactPersonId: u.holderContactPersonId,
    coHolderContactPersonId: u.coHolderContactPersonId,
    senderOrganisationNumber: u.senderOrganisationNumber,
    anchorDate,
    startedAt,
  };
}

/**
 * The clocks a step opens (a policy whose startsOn is the step's event), with what they replace,
 * and the rounds a step reopens: for the recipient units the referral already has clocks for.
 */
@Injectable()
export class StepClocks {
  constructor(
    private readonly clocks: ClockRepository,
    private readonly opener: ClockOpener,
    private readonly transitions: ClockTransitions,
  ) {}

  async apply(
    ctx: ClockContext,
    all: ClockOrmEntity[],
    unitId: string | null,
    event: ClockEvent,
    at: Date,
    order: EventOrder,
  ): Promise<void> {
    if (all.length === 0) return;
    const type = all[0].referralType as ReferralType;
    const units = new Map<string, ClockOrmEntity>();
    for (const c of all) if (!unitId || c.recipientUnitId === unitId) units.set(c.recipientUnitId, c);
    const reasonCode = eventReasonCode(event);
    for (const policy of stepPoliciesFor(type).filter((p) => p.startsOn === event)) {
      for (const u of units.values()) {
        if (appliesToUnit(policy, u.unitKind)) await this.open(ctx, policy, all, u, reasonCode, at, order);
      }
    }
    for (const policy of policiesFor(type).filter((p) => p.reopensOn?.includes(event))) {
      for (const u of units.values()) {
        if (appliesToUnit(policy, u.unitKind)) await this.reopen(ctx, policy, all, u, reasonCode, at, order);
      }
    }
  }

  private async open(
    ctx: ClockContext,
    policy: CataloguedPolicy,
    all: ClockOrmEntity[],
    u: ClockOrmEntity,
    reasonCode: string,
    at: Date,
    order: EventOrder,
  ): Promise<void> {
    const ofUnit = all.filter((c) => c.recipientUnitId === u.recipientUnitId);
    const replaced = policy.replaces
      ? ofUnit.filter((c) => c.kind === policy.replaces && isOwed(c.status))
      : [];
    // Nothing left to take over (the plan was met or had ended): the step opens nothing.
    if (policy.replaces && replaced.length === 0) return;
    const round = nextRound(
      ofUnit.filter((c) => c.policy === policy.id),
      at,
    );
    if (round === null) return;
    const opened = await this.opener.open(ctx, policy, fromUnit(u, null, at), undefined, at, {
      round,
      reasonCode,
    });
    if (!opened) return;
    for (const c of replaced) await this.transitions.cancel(ctx, c, reasonCode, at, order);
  }

  /** A new round of an anchored clock whose last round was cancelled, paused until a new date is set. */
  private async reopen(
    ctx: ClockContext,
    policy: CataloguedPolicy,
    all: ClockOrmEntity[],
    u: ClockOrmEntity,
    reasonCode: string,
    at: Date,
    order: EventOrder,
  ): Promise<void> {
    const rounds = all.filter((c) => c.recipientUnitId === u.recipientUnitId && c.policy === policy.id);
    const last = rounds.reduce<ClockOrmEntity | null>((a, c) => (!a || c.round > a.round ? c : a), null);
    if (!last || last.status !== 'cancelled') return;
    // A replayed step older than the cancellation (e.g. a readmission before the discharge) reopens nothing.
    if (!isNewer(order, { sequence: last.pauseSequence, at: last.pauseEventAt })) return;
    if (last.startedAt.getTime() >= at.getTime()) return;
    const anchorDate = (await this.clocks.anchorDateOf(ctx.manager, u.referralId)) ?? last.anchorDate;
    const opened = await this.opener.open(ctx, policy, fromUnit(u, anchorDate, at), [], at, {
      round: last.round + 1,
      reasonCode,
    });
    if (opened) await this.transitions.pause(ctx, opened, reasonCode, at, order);
  }
}
