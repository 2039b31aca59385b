import { IsISO8601, IsString } from 'class-validator';
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
}
