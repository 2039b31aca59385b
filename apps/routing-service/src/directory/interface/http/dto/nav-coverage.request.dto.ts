import { ApiProperty } from '@nestjs/swagger';
import { IsKommunenummer, IsOrganisationNumber } from '@overgang/norway';

export class NavCoverageDto {
  @ApiProperty()
  @IsOrganisationNumber()
  navOrganisationNumber!: string;
}

export class NavCoverageEntryDto {
  @ApiProperty()
  @IsKommunenummer()
  municipalityNumber!: string;

  @ApiProperty()
  @IsOrganisationNumber()
  navOrganisationNumber!: string;
}
