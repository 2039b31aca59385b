import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsKommunenummer, IsNorwegianNationalId } from '@overgang/norway';

/** The fields every intake shares: who the referral is about, where, and the consent it relies on. */
export abstract class IntakeRequestDto {
  @ApiProperty({
    description: 'Fødselsnummer or D-number of the person referred (11 digits).',
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
    description:
      'Kommunenummer of the municipality the person lives or will live in: its units (and its NAV office) receive the referral.',
    example: '3301',
  })
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty({ description: 'Id of the registered consent this referral relies on.' })
  @IsUUID('all', { message: 'consentId must be the id of a registered consent (a UUID)' })
  consentId!: string;
}
