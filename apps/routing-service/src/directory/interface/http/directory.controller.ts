import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { atLeastOneField } from '@overgang/web';
import { RegisterAbsenceHandler } from '../../application/absences/register-absence.handler';
import { CreateContactPersonHandler } from '../../application/administer-directory/create-contact-person.handler';
import { CreateOrganisationHandler } from '../../application/administer-directory/create-organisation.handler';
import { CreateUnitHandler } from '../../application/administer-directory/create-unit.handler';
import { DirectoryQueries } from '../../application/administer-directory/directory.queries';
import { SetNavCoverageHandler } from '../../application/administer-directory/set-nav-coverage.handler';
import { UpdateContactPersonHandler } from '../../application/administer-directory/update-contact-person.handler';
import { UpdateUnitHandler } from '../../application/administer-directory/update-unit.handler';
import { CorrelatedRequest, correlation } from './correlation';
import { CreateContactPersonDto, UpdateContactPersonDto } from './dto/contact-person.request.dto';
import { NavCoverageDto } from './dto/nav-coverage.request.dto';
import { CreateOrganisationDto } from './dto/organisation.request.dto';
import { RegisterAbsenceRequestDto } from './dto/register-absence.request.dto';
import { CreateUnitDto, UpdateUnitDto } from './dto/unit.request.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    private readonly queries: DirectoryQueries,
    private readonly createOrganisationHandler: CreateOrganisationHandler,
    private readonly createUnitHandler: CreateUnitHandler,
    private readonly updateUnitHandler: UpdateUnitHandler,
    private readonly createContactPersonHandler: CreateContactPersonHandler,
    private readonly updateContactPersonHandler: UpdateContactPersonHandler,
    private readonly registerAbsenceHandler: RegisterAbsenceHandler,
    private readonly setNavCoverageHandler: SetNavCoverageHandler,
  ) {}

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations and their units: who receives which referral type.' })
  organisations() {
    return this.queries.organisations();
  }

  @Post('organisations')
  @Roles('hub-admin')
  @ApiOperation({
    summary: 'Hub administrators add an organisation (organisation number mod-11, kommunenummer).',
  })
  createOrganisation(
    @Body() body: CreateOrganisationDto,
    @CurrentUser() user: Principal,
    @Req() req: CorrelatedRequest,
  ) {
    return this.createOrganisationHandler.execute({
      organisation: { ...body },
      actor: user,
      correlationId: correlation(req),
    });
  }

  @Get('units/:id')
  @ApiOperation({ summary: 'A unit with its contact persons and who is away today.' })
  unit(@Param('id') id: string, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.queries.unit(id, user, correlation(req));
  }

  @Post('units')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'A coordinator adds a unit to their own organisation (mode: primary-backup or team).',
  })
  createUnit(@Body() body: CreateUnitDto, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.createUnitHandler.execute({
      unit: { ...body },
      actor: user,
      correlationId: correlation(req),
    });
  }

  @Patch('units/:id')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'A coordinator changes one of their units: name, referral types received, mode.' })
  updateUnit(
    @Param('id') id: string,
    @Body() body: UpdateUnitDto,
    @CurrentUser() user: Principal,
    @Req() req: CorrelatedRequest,
  ) {
    // Only the fields sent: a spread copies no absent ones.
    return this.updateUnitHandler.execute({
      unitId: id,
      changes: { ...atLeastOneField(body, ['name', 'receives', 'mode']) },
      actor: user,
      correlationId: correlation(req),
    });
  }

  @Post('contact-persons')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'A coordinator adds a contact person to one of their units.' })
  createContact(
    @Body() body: CreateContactPersonDto,
    @CurrentUser() user: Principal,
    @Req() req: CorrelatedRequest,
  ) {
    return this.createContactPersonHandler.execute({
      contactPerson: { ...body },
      actor: user,
      correlationId: correlation(req),
    });
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
    @Req() req: CorrelatedRequest,
  ) {
    return this.updateContactPersonHandler.execute({
      contactPersonId: id,
      changes: { ...atLeastOneField(body, ['active', 'role', 'referralTypes', 'email', 'phone']) },
      actor: user,
      correlationId: correlation(req),
    });
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
    @Req() req: CorrelatedRequest,
  ) {
    return this.registerAbsenceHandler.execute({
      contactPersonId: id,
      from: body.from,
      to: body.to,
      reason: body.reason,
      actor: user,
      correlationId: correlation(req),
    });
  }

  @Put('nav-coverage/:municipalityNumber')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'Which NAV office serves a municipality.' })
  navCoverage(
    @Param('municipalityNumber') knr: string,
    @Body() body: NavCoverageDto,
    @CurrentUser() user: Principal,
    @Req() req: CorrelatedRequest,
  ) {
    return this.setNavCoverageHandler.execute({
      municipalityNumber: knr,
      navOrganisationNumber: body.navOrganisationNumber,
      actor: user,
      correlationId: correlation(req),
    });
  }
}
