import { ApiProperty } from '@nestjs/swagger';

/** Who held the referral in the unit, who holds it now, and the reason recorded. */
export class AssignReferralResponseDto {
  @ApiProperty()
  referralId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null: it waited in the unit’s queue.' })
  from!: string | null;

  @ApiProperty()
  to!: string;

  @ApiProperty({ example: 'ROUTING.COORDINATOR_ASSIGNED' })
  reasonCode!: string;

  @ApiProperty()
  reason!: string;
}
