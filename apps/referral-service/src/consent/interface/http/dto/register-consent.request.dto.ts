import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CONSENT_PURPOSES } from '@overgang/contracts';
import { IsNorwegianNationalId, IsOrganisationNumber } from '@overgang/norway';
import { DateWindow, IsDateOnly, IsDateWithin, IsOmittable, IsUniqueArray } from '@overgang/web';

/** A consent names the few organisations it is shared with; far more is a mistake, not a consent. */
export const MAX_ORGANISATIONS_PER_CONSENT = 50;

/** A consent registered after the fact or ahead of the case, valid for years at the most. */
const CONSENT_FROM: DateWindow = { notBefore: { years: -5 }, notAfter: { years: 1 } };
const CONSENT_TO: DateWindow = { notBefore: { years: -5 }, notAfter: { years: 10 } };

export class RegisterConsentRequestDto {
  @ApiProperty({ description: 'Fødselsnummer or D-number of the person who consents.' })
  @IsNorwegianNationalId()
  nationalId!: string;

  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CONSENT_PURPOSES.length)
  @IsUniqueArray()
  @IsIn(CONSENT_PURPOSES, { each: true, message: `purposes may contain: ${CONSENT_PURPOSES.join(', ')}` })
  purposes!: string[];

  @ApiPropertyOptional({
    description: 'Organisation numbers that may share information under it (default: the registering one).',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_ORGANISATIONS_PER_CONSENT)
  @IsUniqueArray()
  @IsOrganisationNumber({ each: true })
  sharingOrganisationNumbers?: string[];

  @ApiProperty({ description: 'Organisation numbers that may receive information under this consent.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ORGANISATIONS_PER_CONSENT)
  @IsUniqueArray()
  @IsOrganisationNumber({ each: true })
  receivingOrganisationNumbers!: string[];

  @ApiProperty({ example: '2026-11-01' })
  @IsDateOnly()
  @IsDateWithin(CONSENT_FROM)
  validFrom!: string;

  @ApiProperty({ example: '2027-05-01' })
  @IsDateOnly()
  @IsDateWithin(CONSENT_TO)
  validTo!: string;

  @ApiProperty({ enum: ['person', 'guardian'] })
  @IsIn(['person', 'guardian'], { message: 'givenBy must be person or guardian' })
  givenBy!: 'person' | 'guardian';

  @ApiProperty({ description: 'Where the signed form is kept (archive reference).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  evidenceReference!: string;
}

export class WithdrawConsentRequestDto {
  @ApiPropertyOptional({
    description:
      'Withdraw only for these organisations. With no organisations and no purposes, the whole consent is withdrawn.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_ORGANISATIONS_PER_CONSENT)
  @IsUniqueArray()
  @IsOrganisationNumber({ each: true })
  organisationNumbers?: string[];

  @ApiPropertyOptional({
    enum: CONSENT_PURPOSES,
    isArray: true,
    description: 'Withdraw only for these purposes.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(CONSENT_PURPOSES.length)
  @IsUniqueArray()
  @IsIn(CONSENT_PURPOSES, { each: true, message: `purposes may contain: ${CONSENT_PURPOSES.join(', ')}` })
  purposes?: string[];
}
