import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { uuidParam as uuid } from '@overgang/web';
import { ExplainDeadlineHandler } from '../../application/explain-deadline/explain-deadline.handler';
import { ListDeadlinesHandler } from '../../application/list-deadlines/list-deadlines.handler';
import { SlaOverviewHandler } from '../../application/sla-overview/sla-overview.handler';
import { POLICY_CATALOGUE } from '../../domain/policy-catalogue';
import { ListDeadlinesQueryDto } from './dto/list-deadlines.query.dto';
import { slaOverviewCsv } from './sla-overview.csv';

type CorrelatedRequest = { headers: Record<string, string | undefined> };

/** The request's correlation id (the web layer always sets one), carried to the access log. */
const correlation = (req: CorrelatedRequest) => req.headers['x-correlation-id'] ?? 'none';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/v1/deadlines')
export class DeadlineController {
  constructor(
    private readonly listDeadlines: ListDeadlinesHandler,
    private readonly explainDeadline: ExplainDeadlineHandler,
  ) {}

  @Get()
  @Roles('coordinator', 'hub-admin', 'housing-caseworker', 'nav-caseworker')
  @ApiOperation({
    summary:
      'Deadline clocks of my organisation as recipient (a coordinator), or the ones I hold (a caseworker): who holds each and when it is due.',
  })
  list(@Query() q: ListDeadlinesQueryDto, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.listDeadlines.execute({
      by: user,
      status: q.status,
      referralId: q.referralId,
      correlationId: correlation(req),
    });
  }

  @Get('policies')
  @ApiOperation({
    summary:
      'The deadline policy catalogue (versioned): every clock per referral type and how it is counted.',
  })
  policies() {
    return POLICY_CATALOGUE;
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One clock: its due time and how it was computed, its pauses, moves and warning ladder.',
  })
  explain(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: CorrelatedRequest) {
    return this.explainDeadline.execute({ by: user, clockId: id, correlationId: correlation(req) });
  }
}

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/v1/sla')
export class SlaController {
  constructor(private readonly slaOverview: SlaOverviewHandler) {}

  @Get('overview')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Open, at risk and breached per unit; medians; share answered in time per month; the breaches.',
  })
  overview(@CurrentUser() user: Principal) {
    return this.slaOverview.execute({ by: user });
  }

  @Get('overview.csv')
  @Roles('coordinator', 'hub-admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The overview as CSV.' })
  async csv(@CurrentUser() user: Principal, @Res() res: { send(b: string): void }) {
    res.send(slaOverviewCsv(await this.slaOverview.execute({ by: user })));
  }
}
