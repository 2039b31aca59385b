import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsDateOnly, IsDateWithin, IsUniqueArray } from '@overgang/web';
import { DISCHARGE_HOUSING, DischargeHousing, FOLLOW_UP_NEEDS, FollowUpNeed } from '../../../domain/codes';
import { DATE_WINDOWS } from './date-windows';
import { IntakeRequestDto } from './intake.request.dto';

export class DischargeNoticeRequestDto extends IntakeRequestDto {
  @ApiProperty({
    description: 'Directory id of the institution (a unit of the health trust).',
    example: 'vestre-viken-dps-drammen',
  })
  @IsString()
  @IsNotEmpty()
  institutionUnitId!: string;

  @ApiProperty({ description: 'The ward.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ward!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.admissionDate)
  admissionDate!: string;

  @ApiPropertyOptional({ description: 'Planned discharge date; may be unknown at first and set later.' })
  // null, like leaving it out, says the date is not known yet.
  @IsOptional()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.dischargeDate)
  plannedDischargeDate?: string;

  @ApiProperty({ enum: DISCHARGE_HOUSING })
  @IsIn(DISCHARGE_HOUSING, { message: `housingSituation must be one of: ${DISCHARGE_HOUSING.join(', ')}` })
  housingSituation!: DischargeHousing;

  @ApiProperty({ enum: FOLLOW_UP_NEEDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(FOLLOW_UP_NEEDS.length)
  @IsUniqueArray()
  @IsIn(FOLLOW_UP_NEEDS, { each: true, message: `followUpNeeds may contain: ${FOLLOW_UP_NEEDS.join(', ')}` })
  followUpNeeds!: FollowUpNeed[];

  @ApiProperty({ description: 'Whether the NAV office should also be told.' })
  @IsBoolean()
  notifyNav!: boolean;
}
