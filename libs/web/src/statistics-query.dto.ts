import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { KOMMUNENUMMER } from '@overgang/contracts';

/** The period and municipality every statistics endpoint takes (the period rule is libs/core's). */
export class StatisticsQueryDto {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (YYYY-MM) of the release or discharge date.',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06',
    description: 'Last month (YYYY-MM), at most 24 months after from.',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ example: '3301', description: 'Only this municipality (kommunenummer).' })
  @IsOptional()
  @Matches(KOMMUNENUMMER, { message: 'municipalityNumber must be a kommunenummer (four digits)' })
  municipalityNumber?: string;
}
