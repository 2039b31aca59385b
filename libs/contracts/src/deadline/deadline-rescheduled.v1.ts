import { IsISO8601, IsString } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_RESCHEDULED_V1 = 'deadline.rescheduled.v1';

/** A clock's due time moved because the date it is anchored to moved. */
export class DeadlineRescheduledV1 extends ClockRefV1 {
  /** The new due time. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** Why, as a code (brought-forward, postponed, set, corrected, left-early). */
  @IsString()
  reasonCode!: string;

  /** When it moved. */
  @IsISO8601({ strict: true })
  rescheduledAt!: string;
}
