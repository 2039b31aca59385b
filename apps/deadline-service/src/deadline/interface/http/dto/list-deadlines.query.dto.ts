import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LISTED_STATUSES, ListedStatus } from '../../../domain/clock-status';

export class ListDeadlinesQueryDto {
  @ApiPropertyOptional({
    enum: LISTED_STATUSES,
    description:
      'A status; at-risk: open with a warning issued, not met or breached; overdue: running past its due time.',
  })
  @IsOptional()
  @IsIn(LISTED_STATUSES, {
    message: 'status must be open, at-risk, overdue, met, breached, paused or cancelled',
  })
  status?: ListedStatus;

  @ApiPropertyOptional({ description: 'Only the clocks of this referral.' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a referral id (a UUID)' })
  referralId?: string;
}
