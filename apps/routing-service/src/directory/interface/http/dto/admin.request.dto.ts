import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_TYPES, UNIT_KINDS } from '@overgang/contracts';
import { IsKommunenummer, IsOrganisationNumber } from '@overgang/norway';

export const ORGANISATION_TYPES = [
  'municipality',
  'nav-office',
  'prison',
  'probation-office',
  'health-trust',
  'institution',
  'hub',
] as const;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID_MESSAGE = 'must be lower-case letters, digits and dashes (a stable directory id)';

export class CreateOrganisationDto {
  @ApiProperty({ example: '100000156' })
  @IsOrganisationNumber()
  organisationNumber!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES, { message: `type must be one of: ${ORGANISATION_TYPES.join(', ')}` })
  type!: (typeof ORGANISATION_TYPES)[number];

  @ApiPropertyOptional({ description: 'Required for a municipality.' })
  @ValidateIf((o: CreateOrganisationDto) => o.type === 'municipality' || o.municipalityNumber !== undefined)
  @IsKommunenummer()
  municipalityNumber?: string;
}

export class CreateUnitDto {
  @ApiProperty({ example: 'kongsberg-boligtjenesten' })
  @Matches(ID, { message: `id ${ID_MESSAGE}` })
  id!: string;

  @ApiProperty()
  @IsOrganisationNumber()
  organisationNumber!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS, { message: `kind must be one of: ${UNIT_KINDS.join(', ')}` })
  kind!: (typeof UNIT_KINDS)[number];

  @ApiProperty({ enum: REFERRAL_TYPES, isArray: true, description: 'Referral types this unit receives.' })
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `receives may contain: ${REFERRAL_TYPES.join(', ')}` })
  receives!: string[];

  @ApiProperty({ enum: ['primary-backup', 'team'] })
  @IsIn(['primary-backup', 'team'], { message: 'mode must be primary-backup or team' })
  mode!: 'primary-backup' | 'team';
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: REFERRAL_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `receives may contain: ${REFERRAL_TYPES.join(', ')}` })
  receives?: string[];

  @ApiPropertyOptional({ enum: ['primary-backup', 'team'] })
  @IsOptional()
  @IsIn(['primary-backup', 'team'], { message: 'mode must be primary-backup or team' })
  mode?: 'primary-backup' | 'team';
}

export class CreateContactPersonDto {
  @ApiProperty({ example: 'cp-kongsberg-bolig-1' })
  @Matches(ID, { message: `id ${ID_MESSAGE}` })
  id!: string;

  @ApiProperty()
  @Matches(ID, { message: `unitId ${ID_MESSAGE}` })
  unitId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsEmail({}, { message: 'email must be a work e-mail address' })
  email!: string;

  @ApiProperty()
  @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be a phone number (digits, spaces, optional +)' })
  phone!: string;

  @ApiProperty({ enum: ['primary', 'backup'] })
  @IsIn(['primary', 'backup'], { message: 'role must be primary or backup' })
  role!: 'primary' | 'backup';

  @ApiProperty({ enum: REFERRAL_TYPES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes!: string[];
}

export class UpdateContactPersonDto {
  @ApiPropertyOptional({ description: 'false when the person has left: their open referrals move at once.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ['primary', 'backup'] })
  @IsOptional()
  @IsIn(['primary', 'backup'], { message: 'role must be primary or backup' })
  role?: 'primary' | 'backup';

  @ApiPropertyOptional({ enum: REFERRAL_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be a work e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/, { message: 'phone must be a phone number (digits, spaces, optional +)' })
  phone?: string;
}

export class NavCoverageDto {
  @ApiProperty()
  @IsOrganisationNumber()
  navOrganisationNumber!: string;
}

export class ImportDirectoryDto {
  @ApiPropertyOptional({ type: [CreateOrganisationDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateOrganisationDto)
  organisations?: CreateOrganisationDto[];

  @ApiPropertyOptional({ type: [CreateUnitDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateUnitDto)
  units?: CreateUnitDto[];

  @ApiPropertyOptional({ type: [CreateContactPersonDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateContactPersonDto)
  contactPersons?: CreateContactPersonDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NavCoverageEntryDto)
  navCoverage?: NavCoverageEntryDto[];
}

export class NavCoverageEntryDto {
  @ApiProperty()
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty()
  @IsOrganisationNumber()
  navOrganisationNumber!: string;
}
