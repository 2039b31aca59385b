import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsKid, IsNorwegianAccountNumber } from '@overgang/norway';
import { IsDateWithin, IsOmittable } from '@overgang/web';
import { Benefit, BENEFITS } from '../../../domain/codes';
import { DATE_WINDOWS } from './date-windows';
import { IntakeRequestDto } from './intake.request.dto';

export class GuardianDto {
  @ApiProperty({ description: 'The guardian’s name (verge), to be copied.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'Where the guardian is reached.' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

export class BenefitDeductionRequestDto extends IntakeRequestDto {
  @ApiProperty({ enum: BENEFITS })
  @IsIn(BENEFITS, { message: `benefit must be one of: ${BENEFITS.join(', ')}` })
  benefit!: Benefit;

  @ApiProperty({ description: 'Monthly amount in whole NOK.', example: 7500 })
  @IsInt({ message: 'monthlyAmount must be a whole number of kroner' })
  @Min(1, { message: 'monthlyAmount must be at least 1 krone' })
  @Max(50000, { message: 'monthlyAmount cannot be more than 50 000 kroner a month' })
  monthlyAmount!: number;

  @ApiProperty({
    description: 'The municipality’s collection account (11 digits, mod-11).',
    example: '1234.56.78903',
  })
  @IsNorwegianAccountNumber()
  accountNumber!: string;

  @ApiProperty({ description: 'KID for the payments (MOD10 or MOD11).' })
  @IsKid()
  kid!: string;

  @ApiProperty({ description: 'First month to deduct, YYYY-MM.', example: '2027-01' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'firstMonth must be a month written YYYY-MM' })
  @IsDateWithin(DATE_WINDOWS.caseDate)
  firstMonth!: string;

  @ApiPropertyOptional({ type: GuardianDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}
