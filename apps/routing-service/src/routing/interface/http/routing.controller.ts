import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { uuidParam as uuid } from '@overgang/web';
import { CorrelatedRequest, correlation } from '../../../directory/interface/http/correlation';
import { AssignReferralHandler } from '../../application/assign-referral/assign-referral.handler';
import { RoutingQueries } from '../../application/read-routing/routing.queries';
import { AssignReferralRequestDto } from './dto/assign-referral.request.dto';
import { AssignReferralResponseDto } from './dto/assign-referral.response.dto';
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
  constructor(
    private readonly queries: RoutingQueries,
    private readonly assign: AssignReferralHandler,
  ) {}

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

  @Post('api/v1/referrals/:id/routing/assignments')
  @HttpCode(200)
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary:
      'A coordinator of the receiving unit’s organisation gives the referral in that unit to one of its contact persons, or takes it over.',
  })
  async assignment(
    @Param('id', uuid) id: string,
    @Body() body: AssignReferralRequestDto,
    @CurrentUser() p: Principal,
    @Req() req: CorrelatedRequest,
  ): Promise<AssignReferralResponseDto> {
    return this.assign.execute({
      referralId: id,
      unitId: body.unitId,
      target:
        body.takeOver === true
          ? { kind: 'take-over' }
          : { kind: 'contact', contactPersonId: body.contactPersonId as string },
      actor: p,
      correlationId: correlation(req),
    });
  }

  @Get('api/v1/directory/unroutable')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary:
      'The parts of referrals the directory cannot route yet (the hub’s coordinators): reason, age in working days, due day, what fixes it; the most urgent first.',
  })
  @ApiOkResponse({ type: UnroutableReferralsResponseDto })
  async unroutable(@CurrentUser() p: Principal): Promise<UnroutableReferralsResponseDto> {
    return toUnroutableReferralsResponse(await this.queries.unroutable(p));
  }
}
