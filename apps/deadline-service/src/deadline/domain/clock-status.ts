/** Where a clock stands. A breached clock is still owed: it runs on, overdue, until met. */
export const CLOCK_STATUSES = ['open', 'met', 'breached', 'paused', 'cancelled'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/**
 * What a listing filters on: a status, at-risk (open with a warning issued, not met or breached),
 * or overdue (running past its due time, whether or not the breach has fired yet).
 */
export const LISTED_STATUSES = [
  'open',
  'at-risk',
  'overdue',
  'met',
  'breached',
  'paused',
  'cancelled',
] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

/** Counting down or overdue: its warning ladder is live. */
export function isRunning(status: string): boolean {
  return status === 'open' || status === 'breached';
}

/** Still owed by the recipient: running, or paused until it runs again. */
export const OWED_STATUSES: readonly ClockStatus[] = ['open', 'breached', 'paused'];

export function isOwed(status: string): boolean {
  return (OWED_STATUSES as readonly string[]).includes(status);
}
