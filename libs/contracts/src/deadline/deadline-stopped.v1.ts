import { IsIn, IsISO8601, IsString } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_STOPPED_V1 = 'deadline.stopped.v1';

/** A clock stopped without being met: paused (it may resume) or cancelled (it will not). */
export class DeadlineStoppedV1 extends ClockRefV1 {
  /** paused: time does not count until resumed; cancelled: the referral ended without an answer. */
  @IsIn(['paused', 'cancelled'])
  status!: 'paused' | 'cancelled';

  /** Why, as a code (e.g. CONSENT_WITHDRAWN, INFORMATION_REQUESTED, WITHDRAWN). */
  @IsString()
  reasonCode!: string;

  /** When it stopped. */
  @IsISO8601({ strict: true })
  stoppedAt!: string;
}
