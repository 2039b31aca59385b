import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_RESUMED_V1 = 'deadline.resumed.v1';

/** A paused clock runs again; the paused time was added to its due time. */
export class DeadlineResumedV1 extends ClockRefV1 {
  /** The clock's state now: still owed in time (open), or past due (breached). */
  @IsOptional()
  @IsIn(['open', 'breached', 'paused'])
  status?: 'open' | 'breached' | 'paused';

  /** The new due time. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** When it resumed. */
  @IsISO8601({ strict: true })
  resumedAt!: string;
}
