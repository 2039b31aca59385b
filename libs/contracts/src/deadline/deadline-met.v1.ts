import { IsISO8601 } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const DEADLINE_MET_V1 = 'deadline.met.v1';

/** The recipient acted in time, or late but acted: the clock is closed. */
export class DeadlineMetV1 extends ClockRefV1 {
  /** When the clock was closed. */
  @IsISO8601({ strict: true })
  metAt!: string;

  /** The due time the clock had. */
  @IsISO8601({ strict: true })
  dueAt!: string;
}
