import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { DirectoryService } from '../../application/directory.service';
import {
  CreateContactPersonDto,
  CreateOrganisationDto,
  CreateUnitDto,
  ImportDirectoryDto,
  NavCoverageDto,
  UpdateContactPersonDto,
  UpdateUnitDto,
} from './dto/admin.request.dto';
import { RegisterAbsenceRequestDto } from './dto/register-absence.request.dto';

type Req = { headers: Record<string, string | undefined> };
const correlation = (req: Req) => req.headers['x-correlation-id'] ?? 'directory';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations and their units: who receives which referral type.' })
  organisations() {
    return this.directory.organisations();
  }

  @Post('organisations')
  @Roles('hub-admin')
  @ApiOperation({
    summary: 'Hub administrators add an organisation (organisation number mod-11, kommunenummer).',
  })
  createOrganisation(@Body() body: CreateOrganisationDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.directory.createOrganisation(user, body, correlation(req));
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'A unit with its contact persons and who is away today.' })
  unit(@Param('id') id: string) {
    return this.directory.unit(id);
  }

  @Post('units')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'A coordinator adds a unit to their own organisation (mode: primary-backup or team).',
  })
  createUnit(@Body() body: CreateUnitDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.directory.createUnit(user, body, correlation(req));
  }

  @Patch('units/:id')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'A coordinator changes one of their units: name, referral types received, mode.' })
  updateUnit(
    @Param('id') id: string,
    @Body() body: UpdateUnitDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.directory.updateUnit(user, id, body, correlation(req));
  }

  @Post('contact-persons')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'A coordinator adds a contact person to one of their units.' })
  createContact(@Body() body: CreateContactPersonDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.directory.createContactPerson(user, body, correlation(req));
  }

  @Patch('contact-persons/:id')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary:
      'A coordinator changes a contact person; active: false when they leave moves their referrals at once.',
  })
  updateContact(
    @Param('id') id: string,
    @Body() body: UpdateContactPersonDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.directory.updateContactPerson(user, id, body, correlation(req));
  }

  @Post('contact-persons/:id/absences')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Register that a contact person is away; their open referrals move to the backup at once.',
  })
  absence(
    @Param('id') id: string,
    @Body() body: RegisterAbsenceRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.directory.registerAbsence(user, id, body, correlation(req));
  }

  @Put('nav-coverage/:municipalityNumber')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'Which NAV office serves a municipality.' })
  navCoverage(
    @Param('municipalityNumber') knr: string,
    @Body() body: NavCoverageDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.directory.setNavCoverage(user, knr, body.navOrganisationNumber, correlation(req));
  }

  @Get('export')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'The directory as JSON, in the import format (a coordinator gets their own organisation).',
  })
  exportJson(@CurrentUser() user: Principal) {
    return this.directory.exportJson(user);
  }

  @Get('export.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Contact persons as CSV.' })
  async exportCsv(@CurrentUser() user: Principal, @Res() res: { send(b: string): void }) {
    res.send(await this.directory.exportCsv(user));
  }

  @Post('import.csv')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @ApiConsumes('text/csv')
  @ApiOperation({
    summary:
      'Adds or updates contact persons from CSV (the export.csv columns); a coordinator only into their own units.',
  })
  importCsv(@Body() body: unknown, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.directory.importCsv(user, body, correlation(req));
  }

  @Post('import')
  @HttpCode(200)
  @Roles('hub-admin')
  @ApiOperation({
    summary:
      'Adds or updates organisations, units, contact persons and NAV coverage from JSON; never deletes.',
  })
  import(@Body() body: ImportDirectoryDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.directory.import(user, body, correlation(req));
  }
}
