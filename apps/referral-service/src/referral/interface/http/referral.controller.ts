import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { AcknowledgeReferralHandler } from '../../application/acknowledge-referral/acknowledge-referral.handler';
import { ReferralQueries } from '../../application/read-referral/referral.queries';
import { SubmitReleaseNoticeHandler } from '../../application/submit-release-notice/submit-release-notice.handler';
import { CreatedResponseDto, ReleaseNoticeRequestDto } from './dto/release-notice.request.dto';

type Req = { headers: Record<string, string | undefined> };
const correlation = (req: Req) => req.headers['x-correlation-id'] ?? 'none';
/** A malformed id is answered like an unknown one: 404, not a hint about what exists. */
const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralController {
  constructor(
    private readonly submitReleaseNotice: SubmitReleaseNoticeHandler,
    private readonly acknowledge: AcknowledgeReferralHandler,
    private readonly queries: ReferralQueries,
  ) {}

  @Post('release-notices')
  @Roles('prison-consultant')
  @ApiOperation({
    summary: 'A prison social consultant notifies the municipality and NAV of a coming release.',
  })
  async releaseNotice(
    @Body() body: ReleaseNoticeRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ): Promise<CreatedResponseDto> {
    const id = await this.submitReleaseNotice.execute({
      ...body,
      sender: user,
      correlationId: correlation(req),
    });
    return { id };
  }

  @Get('inbox')
  @ApiOperation({ summary: 'Referrals routed to me or my unit, soonest deadline first. No personal data.' })
  inbox(@CurrentUser() user: Principal) {
    return this.queries.inbox(user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A referral with personal details, for the sender and the recipients only. The read is logged.',
  })
  details(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.queries.details(user, id, correlation(req));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every step of the referral: who, which organisation, when, what changed.' })
  history(@Param('id', uuid) id: string, @CurrentUser() user: Principal) {
    return this.queries.history(user, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('housing-caseworker', 'nav-caseworker', 'coordinator')
  @ApiOperation({ summary: 'A recipient confirms they have the referral; their deadline clock is met.' })
  ack(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.acknowledge.execute({ referralId: id, by: user, correlationId: correlation(req) });
  }
}

@ApiTags('access-log')
@ApiBearerAuth()
@Controller('api/v1/access-log')
export class AccessLogController {
  constructor(private readonly queries: ReferralQueries) {}

  @Get()
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'Who read a referral’s personal details, and when.' })
  list(@Query('referralId', uuid) referralId: string, @CurrentUser() user: Principal) {
    return this.queries.accessLog(user, referralId);
  }
}
