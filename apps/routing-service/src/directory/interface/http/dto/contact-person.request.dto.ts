import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { REFERRAL_TYPES, ReferralType } from '@overgang/contracts';
import { IsOmittable, IsUniqueArray } from '@overgang/web';
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
  @ArrayMaxSize(REFERRAL_TYPES.length)
  @IsUniqueArray()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes!: ReferralType[];
}

export class UpdateContactPersonDto {
  @ApiPropertyOptional({ description: 'false when the person has left: their open referrals move at once.' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ['primary', 'backup'] })
  @IsOmittable()
  @IsIn(['primary', 'backup'], { message: 'role must be primary or backup' })
  role?: ContactRole;

  @ApiPropertyOptional({ enum: REFERRAL_TYPES, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(REFERRAL_TYPES.length)
  @IsUniqueArray()
  @IsIn(REFERRAL_TYPES, { each: true, message: `referralTypes may contain: ${REFERRAL_TYPES.join(', ')}` })
  referralTypes?: ReferralType[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsEmail({}, { message: 'email must be a work e-mail address' })
  email?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, optional +)' })
  phone?: string;
}
