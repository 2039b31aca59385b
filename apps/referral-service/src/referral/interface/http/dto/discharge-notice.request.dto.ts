import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { IsKommunenummer, IsNorwegianNationalId } from '@overgang/norway';
import { IsDateOnly } from '@overgang/web';
import { FOLLOW_UP_NEEDS } from './release-notice.request.dto';

export const DISCHARGE_HOUSING = ['none', 'cannot-return', 'at-risk'] as const;

export class DischargeNoticeRequestDto {
  @ApiProperty({ description: 'Fødselsnummer or D-number of the patient.' })
  @IsNorwegianNationalId()
  nationalId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

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
  admissionDate!: string;

  @ApiPropertyOptional({ description: 'Planned discharge date; may be unknown at first and set later.' })
  @IsOptional()
  @IsDateOnly()
  plannedDischargeDate?: string;

  @ApiProperty({
    description: 'Kommunenummer of the municipality the patient is registered in (or will live in).',
  })
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty({ enum: DISCHARGE_HOUSING })
  @IsIn(DISCHARGE_HOUSING, { message: `housingSituation must be one of: ${DISCHARGE_HOUSING.join(', ')}` })
  housingSituation!: (typeof DISCHARGE_HOUSING)[number];

  @ApiProperty({ enum: FOLLOW_UP_NEEDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(FOLLOW_UP_NEEDS, { each: true, message: `followUpNeeds may contain: ${FOLLOW_UP_NEEDS.join(', ')}` })
  followUpNeeds!: string[];

  @ApiProperty({ description: 'Whether the NAV office should also be told.' })
  @IsBoolean()
  notifyNav!: boolean;

  @ApiProperty()
  @IsUUID('all', { message: 'consentId must be the id of a registered consent (a UUID)' })
  consentId!: string;
}
