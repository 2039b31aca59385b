import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { uuidParam as uuid } from '@overgang/web';
import { CorrelatedRequest, correlation } from '../../../directory/interface/http/correlation';
import { RoutingQueries } from '../../application/read-routing/routing.queries';
import {
  RoutingExplanationResponseDto,
  toRoutingExplanationResponse,
} from './dto/routing-explanation.response.dto';
import {
  toUnroutableReferralsResponse,
  UnroutableReferralsResponseDto,
} from './dto/unroutable-referrals.response.dto';

@ApiTags('routing')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(private readonly queries: RoutingQueries) {}

  @Get('api/v1/referrals/:id/routing')
  @ApiOperation({
    summary:
      'Why the referral went where it did: rule, candidates, absences considered, time, and every move since.',
  })
  async explain(
    @Param('id', uuid) id: string,
    @CurrentUser() p: Principal,
    @Req() req: CorrelatedRequest,
  ): Promise<RoutingExplanationResponseDto> {
    return toRoutingExplanationResponse(await this.queries.explain(id, p, correlation(req)));
  }

  @Get('api/v1/directory/unroutable')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Referrals the directory cannot route yet, with the exact reason (the hub’s coordinators).',
  })
  async unroutable(@CurrentUser() p: Principal): Promise<UnroutableReferralsResponseDto> {
    return toUnroutableReferralsResponse(await this.queries.unroutable(p));
  }
}
