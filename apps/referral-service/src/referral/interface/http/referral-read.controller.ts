import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@overgang/auth';
import { ReferralQueries } from '../../application/read-referral/referral.queries';
import { WorkListQueries } from '../../application/read-referral/work-list.queries';
import { ACTIVE_STATUSES } from '../../domain/referral-state';
import { WorkListFilter } from '../../infrastructure/referral.read-repository';
import { DEFAULT_WORK_LIST_PAGE_SIZE, WorkListQueryDto } from './dto/work-list.request.dto';
import { correlation, HttpRequest, uuid } from './http-request';
import { LogsRefusal } from './refused-access.interceptor';

/** Reading referrals: the work lists, and one referral's details and history (every read logged). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralReadController {
  constructor(
    private readonly queries: ReferralQueries,
    private readonly workLists: WorkListQueries,
  ) {}

  // Before ':id', which would otherwise take 'inbox' for an id.
  @Get('inbox')
  @ApiOperation({
    summary:
      "Referrals routed to me or my unit, open ones by default, the next due deadline first, paged. Shows the person's name and birth year where I may read them; every row shown is logged.",
  })
  inbox(@Query() query: WorkListQueryDto, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.workLists.list('inbox', {
      by: user,
      correlationId: correlation(req),
      filter: filterOf(query),
    });
  }

  @Get('sent')
  @ApiOperation({
    summary:
      'Referrals my unit sent (a coordinator: my organisation), open ones by default, the next due deadline first, paged; every row shown is logged.',
  })
  sent(@Query() query: WorkListQueryDto, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.workLists.list('sent', {
      by: user,
      correlationId: correlation(req),
      filter: filterOf(query),
    });
  }

  @Get(':id')
  @LogsRefusal({ objectType: 'referral', action: 'read-details', referral: 'id' })
  @ApiOperation({
    summary: 'A referral with personal details, for the sender and the recipients only. The read is logged.',
  })
  details(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.queries.details({ referralId: id, by: user, correlationId: correlation(req) });
  }

  @Get(':id/history')
  @LogsRefusal({ objectType: 'referral', action: 'read-history', referral: 'id' })
  @ApiOperation({ summary: 'Every step of the referral: who, which organisation, when, what changed.' })
  history(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.queries.history({ referralId: id, by: user, correlationId: correlation(req) });
  }
}

function filterOf(q: WorkListQueryDto): WorkListFilter {
  const asked = q.status ?? ['open'];
  const statuses = asked.includes('all')
    ? null
    : [...new Set(asked.flatMap((s): readonly string[] => (s === 'open' ? ACTIVE_STATUSES : [s])))];
  return {
    statuses,
    types: q.type ?? null,
    unit: q.unit ?? null,
    holder: q.holder ?? null,
    dueBefore: q.dueBefore ?? null,
    overdue: q.overdue === 'true',
    atRisk: q.atRisk === 'true',
    page: q.page ?? 1,
    pageSize: q.pageSize ?? DEFAULT_WORK_LIST_PAGE_SIZE,
  };
}
