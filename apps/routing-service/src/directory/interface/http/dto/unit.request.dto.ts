import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { REFERRAL_TYPES, ReferralType, UNIT_KINDS, UnitKind } from '@overgang/contracts';
import { IsOrganisationNumber } from '@overgang/norway';
import { IsOmittable, IsUniqueArray } from '@overgang/web';
import { UNIT_MODES, UnitMode } from '../../../domain/directory';
import { ID, ID_MESSAGE } from './directory-id';

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
  kind!: UnitKind;

  @ApiProperty({ enum: REFERRAL_TYPES, isArray: true, description: 'Referral types this unit receives.' })
  @IsArray()
  @ArrayMaxSize(REFERRAL_TYPES.length)
  @IsUniqueArray()
  @IsIn(REFERRAL_TYPES, { each: true, message: `receives may contain: ${REFERRAL_TYPES.join(', ')}` })
  receives!: ReferralType[];

  @ApiProperty({ enum: UNIT_MODES })
  @IsIn(UNIT_MODES, { message: 'mode must be primary-backup or team' })
  mode!: UnitMode;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: REFERRAL_TYPES, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(REFERRAL_TYPES.length)
  @IsUniqueArray()
  @IsIn(REFERRAL_TYPES, { each: true, message: `receives may contain: ${REFERRAL_TYPES.join(', ')}` })
  receives?: ReferralType[];

  @ApiPropertyOptional({ enum: UNIT_MODES })
  @IsOmittable()
  @IsIn(UNIT_MODES, { message: 'mode must be primary-backup or team' })
  mode?: UnitMode;
}
