import { IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { ClockRefV1 } from './clock-fields';

export const AUDIENCES = ['holder', 'both-contacts', 'unit-coordinator', 'organisation-coordinator'] as const;

/** Fields of every warning-ladder event: which rung fired, for whom, against which due time. */
export abstract class RungFiredV1 extends ClockRefV1 {
  /** The rung of the policy's ladder, e.g. warn-holder. */
  @IsString()
  rungId!: string;

  /** Who is to be told. */
  @IsIn(AUDIENCES)
  audience!: (typeof AUDIENCES)[number];

  /** The contact person holding the clock, if one does (an id, never a name). */
  @IsOptional()
  @IsString()
  holderContactPersonId?: string | null;

  /** A second holder sharing the clock (given it after the first stayed silent), if any. */
  @IsOptional()
  @IsString()
  coHolderContactPersonId?: string | null;

  /** The due time the rung was measured against. */
  @IsISO8601({ strict: true })
  dueAt!: string;

  /** When the rung fired. */
  @IsISO8601({ strict: true })
  firedAt!: string;
}
