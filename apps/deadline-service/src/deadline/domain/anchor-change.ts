import { DomainError } from '@overgang/core';
import { computeDue, DueResult, Pause } from './due-date';
import { CataloguedPolicy } from './policy-catalogue';

export interface AnchorChangeInput {
  startedAt: Date;
  pauses: readonly Pause[];
  /** The anchor date before the change (null when it was not known). */
  anchorFrom: string | null;
  anchorTo: string;
  /** Why it moved, as a code: brought-forward, postponed, corrected, set, left-early. */
  reason: string;
  /** When it moved: the new due time is at least the policy's minimum response after it. */
  movedAt?: Date;
}

/** What a moved anchor did to a clock; due instants are null while the clock is paused or had no anchor. */
export interface AnchorChangeRecord {
  from: Date | null;
  to: Date | null;
  reason: string;
  anchorFrom: string | null;
  anchorTo: string;
}

/**
 * Recomputes an anchored clock when its date moves. An early release (fremskutt løslatelse) that would pull
 * the due date into the past (or to within days of the move) gives the recipient the policy's minimum
 * response from the move instead, so the ladder warns before the breach.
 */
export function changeAnchor(
  policy: CataloguedPolicy,
  input: AnchorChangeInput,
): { due: DueResult; change: AnchorChangeRecord } {
  if (policy.length.unit !== 'working-days-before-anchor') {
    throw new DomainError(
      'DEADLINE.NOT_ANCHORED',
      `The ${policy.id} deadline does not depend on a date of the case.`,
      'conflict',
      {
        policyId: policy.id,
      },
    );
  }
  const before = input.anchorFrom
    ? computeDue(policy, { startedAt: input.startedAt, pauses: input.pauses, anchorDate: input.anchorFrom })
        .dueAt
    : null;
  const due = computeDue(policy, {
    startedAt: input.startedAt,
    pauses: input.pauses,
    anchorDate: input.anchorTo,
    respondFrom: input.movedAt ?? null,
  });
  return {
    due,
    change: {
      from: before,
      to: due.dueAt,
      reason: input.reason,
      anchorFrom: input.anchorFrom,
      anchorTo: input.anchorTo,
    },
  };
}
