import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_RESCHEDULED_V1 = 'deadline.rescheduled.v1';

/** A clock's due time moved because the date it is anchored to moved. */
export class DeadlineRescheduledV1 extends ClockRefV1 {
  /** The clock's state now: still owed in time (open), or past due (breached). */
  @IsOptional()
  @IsIn(['open', 'breached', 'paused'])
  status?: 'open' | 'breached' | 'paused';

  /** The new due time. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** Why, as a code (brought-forward, postponed, set, corrected, left-early). */
  @IsString()
  reasonCode!: string;

  /** When it moved. */
  @IsISO8601({ strict: true })
  rescheduledAt!: string;

  /** Working days between the notice of the current date and that date. */
  @IsOptional()
  @IsInt()
  @Min(0)
  noticeGivenDays?: number | null;

  /** The current date came with less notice than the policy's lead time. */
  @IsOptional()
  @IsBoolean()
  shortNotice?: boolean;
}
