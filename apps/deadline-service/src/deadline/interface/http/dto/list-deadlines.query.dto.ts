import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListDeadlinesQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'met', 'breached', 'paused', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'met', 'breached', 'paused', 'cancelled'], {
    message: 'status must be open, met, breached, paused or cancelled',
  })
  status?: 'open' | 'met' | 'breached' | 'paused' | 'cancelled';

  @ApiPropertyOptional({ description: 'Only the clocks of this referral.' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a referral id (a UUID)' })
  referralId?: string;
}
