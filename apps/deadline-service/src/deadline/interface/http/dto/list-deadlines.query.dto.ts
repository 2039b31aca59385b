import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CLOCK_STATUSES, ClockStatus } from '../../../domain/clock-status';

export class ListDeadlinesQueryDto {
  @ApiPropertyOptional({ enum: CLOCK_STATUSES })
  @IsOptional()
  @IsIn(CLOCK_STATUSES, {
    message: 'status must be open, met, breached, paused or cancelled',
  })
  status?: ClockStatus;

  @ApiPropertyOptional({ description: 'Only the clocks of this referral.' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a referral id (a UUID)' })
  referralId?: string;
}
