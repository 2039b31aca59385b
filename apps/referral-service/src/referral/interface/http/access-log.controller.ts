import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { invalidField } from '@overgang/web';
import { AccessLogQueries } from '../../application/access-log/access-log.queries';
import { PersonAccessLogRequestDto, SearchAccessLogQueryDto } from './dto/access-log.request.dto';
import { correlation, HttpRequest } from './http-request';
import { LogsRefusal } from './refused-access.interceptor';

const DEFAULT_PAGE_SIZE = 50;

/** The time window and page of a search, checked beyond each field: from before to. */
function windowOf(q: { from?: string; to?: string; page?: number; pageSize?: number }) {
  const from = q.from === undefined ? undefined : new Date(q.from);
  const to = q.to === undefined ? undefined : new Date(q.to);
  if (from && to && from.getTime() >= to.getTime()) {
    throw invalidField('to', 'isAfterFrom', 'to må være senere enn from');
  }
  return { from, to, page: q.page ?? 1, pageSize: q.pageSize ?? DEFAULT_PAGE_SIZE };
}

/** Who read personal data or staff contact data, and who was refused; every search is logged. */
@ApiTags('access-log')
@ApiBearerAuth()
@Controller('api/v1/access-log')
export class AccessLogController {
  constructor(private readonly queries: AccessLogQueries) {}

  @Get()
  @Roles('security-officer', 'hub-admin', 'coordinator')
  @LogsRefusal({ objectType: 'access-log', action: 'search-access-log', referral: 'referralId', in: 'query' })
  @ApiOperation({
    summary:
      'Access log entries by referral, user and time window, newest first. Security officers see their organisation’s; the hub’s see all; a coordinator one referral.',
  })
  search(@Query() q: SearchAccessLogQueryDto, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.queries.search({
      by: user,
      referralId: q.referralId,
      userId: q.userId,
      ...windowOf(q),
      correlationId: correlation(req),
    });
  }

  @Post('person-search')
  @HttpCode(200)
  @Roles('security-officer', 'hub-admin')
  @ApiOperation({
    summary:
      'Every entry about one person’s referrals and consents (the right of access: who has read my data). The national ID goes in the body.',
  })
  forPerson(
    @Body() body: PersonAccessLogRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
  ) {
    return this.queries.forPerson({
      by: user,
      nationalId: body.nationalId,
      ...windowOf(body),
      correlationId: correlation(req),
    });
  }
}
