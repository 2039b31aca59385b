import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { AccessLogQueries } from '../../application/access-log/access-log.queries';
import { uuid } from './http-request';

@ApiTags('access-log')
@ApiBearerAuth()
@Controller('api/v1/access-log')
export class AccessLogController {
  constructor(private readonly queries: AccessLogQueries) {}

  @Get()
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({ summary: 'Who read a referral’s personal details, and when.' })
  list(@Query('referralId', uuid) referralId: string, @CurrentUser() user: Principal) {
    return this.queries.forReferral({ referralId, by: user });
  }
}
