import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { IsKommunenummer, IsNorwegianNationalId } from '@overgang/norway';
import { IsDateOnly } from '@overgang/web';

export const HOUSING_SITUATIONS = ['has-home', 'no-home', 'cannot-return'] as const;
export const FOLLOW_UP_NEEDS = ['substance-use', 'mental-health', 'finances', 'other'] as const;

export class ReleaseNoticeRequestDto {
  @ApiProperty({
    description: 'Fødselsnummer or D-number of the person (11 digits).',
    example: '02018090573',
  })
  @IsNorwegianNationalId()
  nationalId!: string;

  @ApiProperty({ description: 'The person’s full name.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    description: 'Expected release date (YYYY-MM-DD); it may be brought forward later.',
    example: '2026-12-18',
  })
  @IsDateOnly()
  expectedReleaseDate!: string;

  @ApiProperty({ description: 'Kommunenummer of the municipality the person will live in.', example: '3301' })
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty({ enum: HOUSING_SITUATIONS })
  @IsIn(HOUSING_SITUATIONS, { message: `housingSituation must be one of: ${HOUSING_SITUATIONS.join(', ')}` })
  housingSituation!: (typeof HOUSING_SITUATIONS)[number];

  @ApiProperty({ enum: FOLLOW_UP_NEEDS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(FOLLOW_UP_NEEDS, { each: true, message: `followUpNeeds may contain: ${FOLLOW_UP_NEEDS.join(', ')}` })
  followUpNeeds!: (typeof FOLLOW_UP_NEEDS)[number][];

  @ApiPropertyOptional({ description: 'A follow-up service that already knows the person.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  knownFollowUpService?: string;

  @ApiProperty({ description: 'Id of the registered consent this referral relies on.' })
  @IsUUID('all', { message: 'consentId must be the id of a registered consent (a UUID)' })
  consentId!: string;
}

export class CreatedResponseDto {
  @ApiProperty()
  id!: string;
}
