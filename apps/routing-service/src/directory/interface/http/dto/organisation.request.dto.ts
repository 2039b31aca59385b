import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsKommunenummer, IsOrganisationNumber } from '@overgang/norway';
import { ORGANISATION_TYPES, OrganisationType } from '../../../domain/directory';

export class CreateOrganisationDto {
  @ApiProperty({ example: '100000156' })
  @IsOrganisationNumber()
  organisationNumber!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES, { message: `type must be one of: ${ORGANISATION_TYPES.join(', ')}` })
  type!: OrganisationType;

  @ApiPropertyOptional({ description: 'Required for a municipality.' })
  @ValidateIf((o: CreateOrganisationDto) => o.type === 'municipality' || o.municipalityNumber !== undefined)
  @IsKommunenummer()
  municipalityNumber?: string;
}
