import { CLOCK_STATUSES, isOwed, isRunning } from './clock-status';

describe('clock status', () => {
  it('runs while open or breached, and is owed while running or paused', () => {
    expect(CLOCK_STATUSES.filter(isRunning)).toEqual(['open', 'breached']);
    expect(CLOCK_STATUSES.filter(isOwed)).toEqual(['open', 'breached', 'paused']);
  });
});
