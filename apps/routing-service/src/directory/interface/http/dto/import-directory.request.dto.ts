import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IsOmittable, IsUniqueBy } from '@overgang/web';
import { MAX_IMPORT_ROWS } from '../../../application/import-export/contact-persons.csv';
import { CreateContactPersonDto } from './contact-person.request.dto';
import { NavCoverageEntryDto } from './nav-coverage.request.dto';
import { CreateOrganisationDto } from './organisation.request.dto';
import { CreateUnitDto } from './unit.request.dto';

export class ImportDirectoryDto {
  @ApiPropertyOptional({ type: [CreateOrganisationDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => CreateOrganisationDto)
  @IsUniqueBy('organisationNumber')
  organisations?: CreateOrganisationDto[];

  @ApiPropertyOptional({ type: [CreateUnitDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => CreateUnitDto)
  @IsUniqueBy('id')
  units?: CreateUnitDto[];

  @ApiPropertyOptional({ type: [CreateContactPersonDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => CreateContactPersonDto)
  @IsUniqueBy('id')
  contactPersons?: CreateContactPersonDto[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_IMPORT_ROWS)
  @ValidateNested({ each: true })
  @Type(() => NavCoverageEntryDto)
  @IsUniqueBy('municipalityNumber')
  navCoverage?: NavCoverageEntryDto[];
}
