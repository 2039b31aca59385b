import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
} from 'class-validator';
import { REFERRAL_TYPES, ReferralType } from '@overgang/contracts';
import { ContactRole } from '../../../domain/directory';
import { ID, ID_MESSAGE, PHONE } from './directory-id';

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
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, optional +)' })
  phone!: string;

  @ApiProperty({ enum: ['primary', 'backup'] })
  @IsIn(['primary', 'backup'], { message: 'role must be primary or backup' })
  role!: ContactRole;

  @ApiProperty({ enum: REFERRAL_TYPES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes!: ReferralType[];
}

export class UpdateContactPersonDto {
  @ApiPropertyOptional({ description: 'false when the person has left: their open referrals move at once.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ['primary', 'backup'] })
  @IsOptional()
  @IsIn(['primary', 'backup'], { message: 'role must be primary or backup' })
  role?: ContactRole;

  @ApiPropertyOptional({ enum: REFERRAL_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes?: ReferralType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be a work e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, optional +)' })
  phone?: string;
}
