import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ListDeadlinesQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'met', 'breached'] })
  @IsOptional()
  @IsIn(['open', 'met', 'breached'], { message: 'status must be open, met or breached' })
  status?: 'open' | 'met' | 'breached';

  @ApiPropertyOptional({ description: 'Only the clocks of this referral.' })
  @IsOptional()
  @IsUUID('all', { message: 'referralId must be a referral id (a UUID)' })
  referralId?: string;
}
