import { IsISO8601 } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_RESUMED_V1 = 'deadline.resumed.v1';

/** A paused clock runs again; the paused time was added to its due time. */
export class DeadlineResumedV1 extends ClockRefV1 {
  /** The new due time. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** When it resumed. */
  @IsISO8601({ strict: true })
  resumedAt!: string;
}
