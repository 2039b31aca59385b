import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import { CreateContactPersonDto } from './contact-person.request.dto';
import { NavCoverageEntryDto } from './nav-coverage.request.dto';
import { CreateOrganisationDto } from './organisation.request.dto';
import { CreateUnitDto } from './unit.request.dto';

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
