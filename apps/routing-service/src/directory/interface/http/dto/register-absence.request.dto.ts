import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DateWindow, IsDateOnly, IsDateWithin } from '@overgang/web';

/** An absence registered late, or planned well ahead (a long leave); not decades either way. */
const ABSENCE_DAYS: DateWindow = { notBefore: { years: -1 }, notAfter: { years: 3 } };

export const ABSENCE_REASONS = ['holiday', 'leave', 'course', 'other'] as const;

export class RegisterAbsenceRequestDto {
  @ApiProperty({ description: 'First day away (YYYY-MM-DD).', example: '2026-11-23' })
  @IsDateOnly()
  @IsDateWithin(ABSENCE_DAYS)
  from!: string;

  @ApiProperty({ description: 'Last day away (YYYY-MM-DD).', example: '2026-11-30' })
  @IsDateOnly()
  @IsDateWithin(ABSENCE_DAYS)
  to!: string;

  @ApiProperty({ enum: ABSENCE_REASONS, description: 'A category only; never health details.' })
  @IsIn(ABSENCE_REASONS, { message: `reason must be one of: ${ABSENCE_REASONS.join(', ')}` })
  reason!: (typeof ABSENCE_REASONS)[number];
}
