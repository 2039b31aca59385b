import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { BodyMediaTypes } from '@overgang/web';
import { ExportDirectoryQuery } from '../../application/import-export/export-directory.query';
import { ImportContactPersonsHandler } from '../../application/import-export/import-contact-persons.handler';
import { ImportDirectoryHandler } from '../../application/import-export/import-directory.handler';
import { toImportContactPersonsCommand } from './contact-persons-csv.mapper';
import { CorrelatedRequest, correlation } from './correlation';
import { ImportDirectoryDto } from './dto/import-directory.request.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectoryImportExportController {
  constructor(
    private readonly exportQuery: ExportDirectoryQuery,
    private readonly importDirectoryHandler: ImportDirectoryHandler,
    private readonly importContactPersonsHandler: ImportContactPersonsHandler,
  ) {}

  @Get('export')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'The directory as JSON, in the import format (a coordinator gets their own organisation).',
  })
  exportJson(@CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.exportQuery.json(user, correlation(req));
  }

  @Get('export.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Contact persons as CSV.' })
  async exportCsv(
    @CurrentUser() user: Principal,
    @Req() req: CorrelatedRequest,
    @Res() res: { send(b: string): void },
  ) {
    res.send(await this.exportQuery.csv(user, correlation(req)));
  }

  @Post('import.csv')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @BodyMediaTypes('text/csv')
  @ApiOperation({
    summary:
      'Adds or updates contact persons from CSV (the export.csv columns); a coordinator only their own organisation’s contact persons, into its own units, all or nothing.',
  })
  async importCsv(@Body() body: unknown, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.importContactPersonsHandler.execute(
      await toImportContactPersonsCommand(body, user, correlation(req)),
    );
  }

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary:
      'Adds or updates organisations, units, contact persons and NAV coverage from JSON; never deletes. A coordinator only rows of their own organisation, all or nothing.',
  })
  import(@Body() body: ImportDirectoryDto, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.importDirectoryHandler.execute({
      organisations: body.organisations,
      units: body.units,
      contactPersons: body.contactPersons,
      navCoverage: body.navCoverage,
      actor: user,
      correlationId: correlation(req),
    });
  }
}
