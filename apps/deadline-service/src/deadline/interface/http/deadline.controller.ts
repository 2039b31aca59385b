import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { DeadlineQueries } from '../../application/deadline.queries';
import { ListDeadlinesQueryDto } from './dto/list-deadlines.query.dto';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/deadlines')
export class DeadlineController {
  constructor(private readonly queries: DeadlineQueries) {}

  @Get()
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Deadline clocks of my organisation as recipient: who holds each and when it is due.',
  })
  list(@Query() q: ListDeadlinesQueryDto, @CurrentUser() user: Principal) {
    return this.queries.list(user, q.status, q.referralId);
  }

  @Get('policies')
  @ApiOperation({
    summary:
      'The deadline policy catalogue (versioned): every clock per referral type and how it is counted.',
  })
  policies() {
    return this.queries.catalogue();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One clock: its due time and how it was computed, its pauses, moves and warning ladder.',
  })
  explain(@Param('id', uuid) id: string, @CurrentUser() user: Principal) {
    return this.queries.explain(user, id);
  }
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/v1/sla')
export class SlaController {
  constructor(private readonly queries: DeadlineQueries) {}

  @Get('overview')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Open, at risk and breached per unit; medians; share answered in time per month; the breaches.',
  })
  overview(@CurrentUser() user: Principal) {
    return this.queries.overview(user);
  }

  @Get('overview.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The overview as CSV.' })
  async csv(@CurrentUser() user: Principal, @Res() res: { send(b: string): void }) {
    res.send(await this.queries.overviewCsv(user));
  }
}
