import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ANCHOR_CHANGE_REASONS } from '@overgang/contracts';
import { IsDateOnly } from '@overgang/web';

export class ReasonDto {
  @ApiProperty({ description: 'Why, in plain words (kept with the referral, never published).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

const MOVES = ANCHOR_CHANGE_REASONS.filter((r) => r !== 'left-early' && r !== 'set');

export class ChangeReleaseDateDto {
  @ApiProperty({ example: '2026-12-04' })
  @IsDateOnly()
  expectedReleaseDate!: string;

  @ApiProperty({ enum: MOVES })
  @IsIn(MOVES, { message: `reasonCode must be one of: ${MOVES.join(', ')}` })
  reasonCode!: (typeof MOVES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SetDischargeDateDto {
  @ApiProperty()
  @IsDateOnly()
  plannedDischargeDate!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReadmittedDto {
  @ApiProperty()
  @IsDateOnly()
  admissionDate!: string;
}

export const HOUSING_OUTCOMES = [
  'application-received',
  'housing-granted',
  'contract-meeting-booked',
  'contract-signed',
  'no-housing',
] as const;

export class HousingOutcomeDto {
  @ApiProperty({ enum: HOUSING_OUTCOMES })
  @IsIn(HOUSING_OUTCOMES, { message: `outcome must be one of: ${HOUSING_OUTCOMES.join(', ')}` })
  outcome!: (typeof HOUSING_OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'Required when the outcome is no-housing.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'For contract-meeting-booked: the meeting date.' })
  @IsOptional()
  @IsDateOnly()
  date?: string;
}

export class ConfirmDeductionDto {
  @ApiProperty({ description: 'The date of the first deduction.' })
  @IsDateOnly()
  firstDeductionDate!: string;
}

export class ChangeAmountDto {
  @ApiProperty()
  @IsInt({ message: 'monthlyAmount must be a whole number of kroner' })
  @Min(1, { message: 'monthlyAmount must be at least 1 krone' })
  @Max(50000, { message: 'monthlyAmount cannot be more than 50 000 kroner a month' })
  monthlyAmount!: number;
}

export const STOP_REASONS = ['by-request', 'tenancy-ended'] as const;

export class StopDeductionDto {
  @ApiProperty({ enum: STOP_REASONS, description: 'A withdrawn consent stops it automatically.' })
  @IsIn(STOP_REASONS, { message: `reasonCode must be one of: ${STOP_REASONS.join(', ')}` })
  reasonCode!: (typeof STOP_REASONS)[number];
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
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export const RECOMMENDATIONS = ['grant', 'do-not-grant', 'needs-more-information'] as const;

export class AnswerAssessmentDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  assessment!: string;

  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of: ${RECOMMENDATIONS.join(', ')}` })
  recommendation!: (typeof RECOMMENDATIONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}
