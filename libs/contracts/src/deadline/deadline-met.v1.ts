import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';
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

  /** Met after its due time: a late answer, whether or not the breach had been announced yet. */
  @IsOptional()
  @IsBoolean()
  late?: boolean;

  /** The sender gave less notice than the policy's lead time. */
  @IsOptional()
  @IsBoolean()
  shortNotice?: boolean;
}
