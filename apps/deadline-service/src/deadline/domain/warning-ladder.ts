import { osloDate } from '@overgang/core';
import { addWorkingDays } from '@overgang/norway';
import { startOfNextOsloDay } from './working-calendar';

export type Audience = 'holder' | 'both-contacts' | 'unit-coordinator' | 'organisation-coordinator';

export type RungEvent = 'deadline.warning-issued.v1' | 'deadline.breached.v1' | 'deadline.escalated.v1';

/** One step of a warning ladder. */
export interface Rung {
  /** Stable within its ladder, so a scheduler can fire each rung of a clock exactly once. */
  id: string;
  /** Working days from the due day: negative before, 0 at due (the breach), positive after. */
  workingDays: number;
  /** Who is told. */
  audience: Audience;
  /** The event the rung produces. */
  event: RungEvent;
}

export type WarningLadder = readonly Rung[];

export interface RungFireTime {
  rung: Rung;
  fireAt: Date;
}

/**
 * When each rung fires, earliest first. `dueAt` is the end of an Oslo day; a rung fires at the midnight
 * that ends its day, so "1 working day before" fires as the due day begins and "at due" fires the moment
 * the clock is late.
 */
export function rungFireTimes(ladder: WarningLadder, dueAt: Date): RungFireTime[] {
  const dueDay = osloDate(dueAt);
  return ladder
    .map((rung, index) => ({
      rung,
      index,
      fireAt: startOfNextOsloDay(addWorkingDays(dueDay, rung.workingDays)),
    }))
    .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || a.index - b.index)
    .map(({ rung, fireAt }) => ({ rung, fireAt }));
}

/**
 * Rungs whose time has come and that have not fired yet, in firing order. Call it only for open clocks:
 * a met or cancelled clock climbs no further.
 */
export function rungsDue(
  ladder: WarningLadder,
  dueAt: Date,
  now: Date,
  alreadyFired: ReadonlySet<string>,
): Rung[] {
  return rungFireTimes(ladder, dueAt)
    .filter(({ rung, fireAt }) => fireAt.getTime() <= now.getTime() && !alreadyFired.has(rung.id))
    .map(({ rung }) => rung);
}

/** The next instant the scheduler needs to look at this clock, or null when every rung has fired. */
export function nextFireAt(
  ladder: WarningLadder,
  dueAt: Date,
  alreadyFired: ReadonlySet<string>,
): Date | null {
  return rungFireTimes(ladder, dueAt).find(({ rung }) => !alreadyFired.has(rung.id))?.fireAt ?? null;
}
