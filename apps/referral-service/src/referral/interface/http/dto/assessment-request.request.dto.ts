import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsKommunenummer, IsNorwegianNationalId } from '@overgang/norway';
import { IsDateOnly } from '@overgang/web';

export const ASSESSORS = [
  'nav-social-services',
  'follow-up-substance-use',
  'follow-up-mental-health',
] as const;

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

export class AssessmentRequestDto {
  @ApiProperty()
  @IsNorwegianNationalId()
  nationalId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty({ enum: ASSESSORS, description: 'Who is asked: NAV or a municipal follow-up service.' })
  @IsIn(ASSESSORS, { message: `assessedBy must be one of: ${ASSESSORS.join(', ')}` })
  assessedBy!: (typeof ASSESSORS)[number];

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
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DocumentReferenceDto)
  documentReferences?: DocumentReferenceDto[];

  @ApiPropertyOptional({ description: 'When the answer is wanted (default: 14 days).' })
  @IsOptional()
  @IsDateOnly()
  requestedAnswerDate?: string;

  @ApiProperty()
  @IsUUID('all', { message: 'consentId must be the id of a registered consent (a UUID)' })
  consentId!: string;
}
