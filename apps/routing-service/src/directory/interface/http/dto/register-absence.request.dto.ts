import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsDateOnly } from '@overgang/web';

export const ABSENCE_REASONS = ['holiday', 'leave', 'course', 'other'] as const;

export class RegisterAbsenceRequestDto {
  @ApiProperty({ description: 'First day away (YYYY-MM-DD).', example: '2026-11-23' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ description: 'Last day away (YYYY-MM-DD).', example: '2026-11-30' })
  @IsDateOnly()
  to!: string;

  @ApiProperty({ enum: ABSENCE_REASONS, description: 'A category only; never health details.' })
  @IsIn(ABSENCE_REASONS, { message: `reason must be one of: ${ABSENCE_REASONS.join(', ')}` })
  reason!: (typeof ABSENCE_REASONS)[number];
}
