import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Matches, Min } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_OPENED_V1 = 'deadline.opened.v1';

/** A clock started for a recipient. */
export class DeadlineOpenedV1 extends ClockRefV1 {
  /** Id of the policy rule that set the length, e.g. answer-14-days. */
  @IsString()
  policy!: string;

  /** When the clock started (the referral reached the recipient). */
  @IsISO8601({ strict: true })
  startedAt!: string;

  /** When the answer is due (end of the due day, Oslo time). */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** Working days between the notice and the date the clock counts back from (anchored clocks only). */
  @IsOptional()
  @IsInt()
  @Min(0)
  noticeGivenDays?: number | null;

  /** Working days of notice the policy asks of the sender before that date (anchored clocks only). */
  @IsOptional()
  @IsInt()
  @Min(0)
  leadTimeDays?: number | null;

  /** The sender gave less notice than the lead time: a breach counts against the notice, not the recipient. */
  @IsOptional()
  @IsBoolean()
  shortNotice?: boolean;

  /** A clock a step opened: which round of its policy for this recipient (absent: 1, the routing's). */
  @IsOptional()
  @IsInt()
  @Min(1)
  round?: number;

  /** Why a step opened it, as a code (e.g. LEFT_EARLY, DEDUCTION_CHANGE_REQUESTED, READMITTED). */
  @IsOptional()
  @Matches(/^[A-Z]+(_[A-Z]+)*$/)
  reasonCode?: string;
}
