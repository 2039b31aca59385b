import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NAV_OUTCOMES, NavOutcome } from '@overgang/contracts';
import { IsDateOnly, IsDateWithin, IsOmittable } from '@overgang/web';
import {
  HOUSING_OUTCOMES,
  HousingOutcome,
  Recommendation,
  RECOMMENDATIONS,
  RELEASE_DATE_MOVES,
  ReleaseDateMove,
  STOP_REASONS,
  StopReason,
} from '../../../domain/codes';
import { DATE_WINDOWS } from './date-windows';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ReasonDto {
  @ApiProperty({ description: 'Why, in plain words (kept with the referral, never published).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ChangeReleaseDateDto {
  @ApiProperty({ example: '2026-12-04' })
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.releaseDate)
  expectedReleaseDate!: string;

  @ApiProperty({ enum: RELEASE_DATE_MOVES })
  @IsIn(RELEASE_DATE_MOVES, { message: `reasonCode must be one of: ${RELEASE_DATE_MOVES.join(', ')}` })
  reasonCode!: ReleaseDateMove;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SetDischargeDateDto {
  @ApiProperty()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.dischargeDate)
  plannedDischargeDate!: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReleasedDto {
  @ApiPropertyOptional({ description: 'The day the person was released; today when left out.' })
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.actualDate)
  releasedOn?: string;
}

export class DischargedDto {
  @ApiPropertyOptional({
    description: 'The day the patient was discharged (on or after the admission); today when left out.',
  })
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.actualDate)
  dischargedOn?: string;
}

export class LeftEarlyDto {
  @ApiPropertyOptional({
    description:
      'The day the patient left (on or after the admission, at the latest today); today when left out.',
  })
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.actualDate)
  leftOn?: string;

  @ApiPropertyOptional({
    description: 'Why or how, for the municipality (kept in the history, never published).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReadmittedDto {
  @ApiProperty({ description: 'The new admission: on or after the day the patient was discharged or left.' })
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.admissionDate)
  admissionDate!: string;
}

export class HousingOutcomeDto {
  @ApiProperty({ enum: HOUSING_OUTCOMES })
  @IsIn(HOUSING_OUTCOMES, { message: `outcome must be one of: ${HOUSING_OUTCOMES.join(', ')}` })
  outcome!: HousingOutcome;

  @ApiPropertyOptional({ description: 'Required when the outcome is no-housing.' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'For contract-meeting-booked: the meeting date.' })
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.caseDate)
  date?: string;
}

export class ConfirmDeductionDto {
  @ApiProperty({ description: 'The date of the first deduction.' })
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.caseDate)
  firstDeductionDate!: string;
}

export class ChangeAmountDto {
  @ApiProperty()
  @IsInt({ message: 'monthlyAmount must be a whole number of kroner' })
  @Min(1, { message: 'monthlyAmount must be at least 1 krone' })
  @Max(50000, { message: 'monthlyAmount cannot be more than 50 000 kroner a month' })
  monthlyAmount!: number;

  @ApiProperty({
    description: 'From which month, YYYY-MM: not a month passed, nor before the first deduction.',
    example: '2027-03',
  })
  @Matches(MONTH, { message: 'effectiveMonth must be a month written YYYY-MM' })
  @IsDateWithin(DATE_WINDOWS.caseDate)
  effectiveMonth!: string;
}

export class StopDeductionDto {
  @ApiProperty({ enum: STOP_REASONS, description: 'A withdrawn consent stops it automatically.' })
  @IsIn(STOP_REASONS, { message: `reasonCode must be one of: ${STOP_REASONS.join(', ')}` })
  reasonCode!: StopReason;

  @ApiProperty({
    description: 'The first month not deducted, YYYY-MM: not a month passed.',
    example: '2027-03',
  })
  @Matches(MONTH, { message: 'effectiveMonth must be a month written YYYY-MM' })
  @IsDateWithin(DATE_WINDOWS.caseDate)
  effectiveMonth!: string;
}

export class NavOutcomeDto {
  @ApiProperty({ enum: NAV_OUTCOMES })
  @IsIn(NAV_OUTCOMES, { message: `outcome must be one of: ${NAV_OUTCOMES.join(', ')}` })
  outcome!: NavOutcome;

  @ApiPropertyOptional({
    description: 'What was done, in plain words; required for other (kept in the history, never published).',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RequestInformationDto {
  @ApiProperty({ description: 'What is missing.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  question!: string;
}

export class ProvideInformationDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  information!: string;

  @ApiPropertyOptional({ description: 'Ids of uploaded attachments that belong to the reply.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class AnswerAssessmentDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  assessment!: string;

  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of: ${RECOMMENDATIONS.join(', ')}` })
  recommendation!: Recommendation;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}
