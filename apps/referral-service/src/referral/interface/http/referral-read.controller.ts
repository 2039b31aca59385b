import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@overgang/auth';
import { ReferralQueries } from '../../application/read-referral/referral.queries';
import { correlation, HttpRequest, uuid } from './http-request';
import { LogsRefusal } from './refused-access.interceptor';

/** Reading referrals: the inbox (no personal data), and one referral's details and history (logged). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralReadController {
  constructor(private readonly queries: ReferralQueries) {}

  // Before ':id', which would otherwise take 'inbox' for an id.
  @Get('inbox')
  @ApiOperation({ summary: 'Referrals routed to me or my unit, soonest deadline first. No personal data.' })
  inbox(@CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.queries.inbox(user, correlation(req));
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
