import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_BREACHED_V1 = 'deadline.breached.v1';

/** The due time passed without the recipient acting. */
export class DeadlineBreachedV1 extends ClockRefV1 {
  /** The due time that passed. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** When the breach was detected. */
  @IsISO8601({ strict: true })
  breachedAt!: string;

  /** Whose breach it is: the recipient's, or the sender's late notice (less than the policy's lead time). */
  @IsOptional()
  @IsIn(['recipient', 'late-notice'])
  cause?: 'recipient' | 'late-notice';
}
