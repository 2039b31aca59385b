import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { SubmitAssessmentRequestHandler } from '../../application/submit-assessment-request/submit-assessment-request.handler';
import { SubmitBenefitDeductionHandler } from '../../application/submit-benefit-deduction/submit-benefit-deduction.handler';
import { SubmitDischargeNoticeHandler } from '../../application/submit-discharge-notice/submit-discharge-notice.handler';
import { SubmitReleaseNoticeHandler } from '../../application/submit-release-notice/submit-release-notice.handler';
import { AssessmentRequestDto } from './dto/assessment-request.request.dto';
import { BenefitDeductionRequestDto } from './dto/benefit-deduction.request.dto';
import { DischargeNoticeRequestDto } from './dto/discharge-notice.request.dto';
import { ReleaseNoticeRequestDto } from './dto/release-notice.request.dto';
import { SubmittedResponseDto } from './dto/submitted.response.dto';
import { correlation, HttpRequest } from './http-request';
import { toAssessmentRequest, toBenefitDeduction, toDischargeNotice, toReleaseNotice } from './intake.mapper';

/** The four ways a referral starts. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class IntakeController {
  constructor(
    private readonly releaseNotices: SubmitReleaseNoticeHandler,
    private readonly dischargeNotices: SubmitDischargeNoticeHandler,
    private readonly benefitDeductions: SubmitBenefitDeductionHandler,
    private readonly assessmentRequests: SubmitAssessmentRequestHandler,
  ) {}

  @Post('release-notices')
  @Roles('prison-consultant')
  @ApiOperation({
    summary: 'A prison social consultant notifies the municipality and NAV of a coming release.',
  })
  @ApiCreatedResponse({ type: SubmittedResponseDto })
  releaseNotice(
    @Body() body: ReleaseNoticeRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
  ): Promise<SubmittedResponseDto> {
    return this.releaseNotices.execute(toReleaseNotice(body, user, correlation(req)));
  }

  @Post('discharge-notices')
  @Roles('health-trust-staff')
  @ApiOperation({
    summary: 'A health-trust institution reports a patient without a home (NAV too, when asked).',
  })
  @ApiCreatedResponse({ type: SubmittedResponseDto })
  dischargeNotice(
    @Body() body: DischargeNoticeRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
  ): Promise<SubmittedResponseDto> {
    return this.dischargeNotices.execute(toDischargeNotice(body, user, correlation(req)));
  }

  @Post('benefit-deductions')
  @Roles('housing-caseworker')
  @ApiOperation({
    summary: 'The housing office asks NAV to deduct the rent from a benefit, with the tenant’s consent.',
  })
  @ApiCreatedResponse({ type: SubmittedResponseDto })
  benefitDeduction(
    @Body() body: BenefitDeductionRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
  ): Promise<SubmittedResponseDto> {
    return this.benefitDeductions.execute(toBenefitDeduction(body, user, correlation(req)));
  }

  @Post('assessment-requests')
  @Roles('housing-caseworker')
  @ApiOperation({
    summary: 'The housing service asks NAV or a follow-up service for a professional assessment.',
  })
  @ApiCreatedResponse({ type: SubmittedResponseDto })
  assessmentRequest(
    @Body() body: AssessmentRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
  ): Promise<SubmittedResponseDto> {
    return this.assessmentRequests.execute(toAssessmentRequest(body, user, correlation(req)));
  }
}
