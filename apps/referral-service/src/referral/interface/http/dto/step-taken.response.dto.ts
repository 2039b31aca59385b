import { ApiProperty } from '@nestjs/swagger';
import {
  REFERRAL_STATUSES,
  REFERRAL_STEP_ACTIONS,
  ReferralStatusCode,
  ReferralStepAction,
} from '@overgang/contracts';

/** The answer to every step on a referral. */
export class StepTakenResponseDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: REFERRAL_STATUSES, description: 'The status after the step.' })
  status!: ReferralStatusCode;

  @ApiProperty({ enum: REFERRAL_STEP_ACTIONS })
  action!: ReferralStepAction;
}
