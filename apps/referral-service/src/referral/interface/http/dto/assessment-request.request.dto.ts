import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsDateWithin, IsOmittable } from '@overgang/web';
import { Assessor, ASSESSORS } from '../../../domain/codes';
import { DATE_WINDOWS } from './date-windows';
import { IntakeRequestDto } from './intake.request.dto';

export class DocumentReferenceDto {
  @ApiProperty({ description: 'A case document kept elsewhere (archive id, journal reference).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;
}

export class AssessmentRequestDto extends IntakeRequestDto {
  @ApiProperty({ enum: ASSESSORS, description: 'Who is asked: NAV or a municipal follow-up service.' })
  @IsIn(ASSESSORS, { message: `assessedBy must be one of: ${ASSESSORS.join(', ')}` })
  assessedBy!: Assessor;

  @ApiProperty({ description: 'The questions to answer.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  questions!: string[];

  @ApiPropertyOptional({
    type: [DocumentReferenceDto],
    description: 'Case documents by reference; PDFs are uploaded as attachments.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentReferenceDto)
  documentReferences?: DocumentReferenceDto[];

  @ApiPropertyOptional({
    description: 'When the answer is wanted (default: 14 days on, moved to the next working day).',
  })
  @IsOmittable()
  @IsDateOnly()
  @IsDateWithin(DATE_WINDOWS.requestedAnswerDate)
  requestedAnswerDate?: string;
}
