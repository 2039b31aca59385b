import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { AcknowledgeReferralHandler } from '../../application/acknowledge-referral/acknowledge-referral.handler';
import {
  AttachmentsService,
  MAX_ATTACHMENT_BYTES,
  UploadedFile as File,
} from '../../application/attachments/attachments.service';
import { ReferralQueries } from '../../application/read-referral/referral.queries';
import { ReferralIntake } from '../../application/submit-referral/referral-intake';
import { TakeStepHandler } from '../../application/take-step/take-step.handler';
import { AssessmentRequestDto } from './dto/assessment-request.request.dto';
import { BenefitDeductionRequestDto } from './dto/benefit-deduction.request.dto';
import { DischargeNoticeRequestDto } from './dto/discharge-notice.request.dto';
import { ReleaseNoticeRequestDto } from './dto/release-notice.request.dto';
import {
  AnswerAssessmentDto,
  ChangeAmountDto,
  ChangeReleaseDateDto,
  ConfirmDeductionDto,
  HousingOutcomeDto,
  OptionalNoteDto,
  ProvideInformationDto,
  ReadmittedDto,
  ReasonDto,
  RequestInformationDto,
  SetDischargeDateDto,
  StopDeductionDto,
} from './dto/steps.request.dto';

type Req = { headers: Record<string, string | undefined> };
const correlation = (req: Req) => req.headers['x-correlation-id'] ?? 'none';
/** A malformed id is answered like an unknown one: 404, not a hint about what exists. */
const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralController {
  constructor(
    private readonly intake: ReferralIntake,
    private readonly acknowledge: AcknowledgeReferralHandler,
    private readonly steps: TakeStepHandler,
    private readonly queries: ReferralQueries,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post('release-notices')
  @Roles('prison-consultant')
  @ApiOperation({
    summary: 'A prison social consultant notifies the municipality and NAV of a coming release.',
  })
  releaseNotice(@Body() body: ReleaseNoticeRequestDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.intake.releaseNotice(body, user, correlation(req));
  }

  @Post('discharge-notices')
  @Roles('health-trust-staff')
  @ApiOperation({
    summary: 'A health-trust institution reports a patient without a home (NAV too, when asked).',
  })
  dischargeNotice(@Body() body: DischargeNoticeRequestDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.intake.dischargeNotice(body, user, correlation(req));
  }

  @Post('benefit-deductions')
  @Roles('housing-caseworker')
  @ApiOperation({
    summary: 'The housing office asks NAV to deduct the rent from a benefit, with the tenant’s consent.',
  })
  benefitDeduction(
    @Body() body: BenefitDeductionRequestDto,
    @CurrentUser() user: Principal,
    @Req() req: Req,
  ) {
    return this.intake.benefitDeduction(body, user, correlation(req));
  }

  @Post('assessment-requests')
  @Roles('housing-caseworker')
  @ApiOperation({
    summary: 'The housing service asks NAV or a follow-up service for a professional assessment.',
  })
  assessmentRequest(@Body() body: AssessmentRequestDto, @CurrentUser() user: Principal, @Req() req: Req) {
    return this.intake.assessmentRequest(body, user, correlation(req));
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

  @Post(':id/attachments')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Attach a case document (PDF, at most 5 MB); stored with its SHA-256.' })
  upload(
    @Param('id', uuid) id: string,
    @UploadedFile() file: File | undefined,
    @CurrentUser() user: Principal,
  ) {
    return this.attachments.upload(user, id, file);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a case document (logged).' })
  async download(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @CurrentUser() user: Principal,
    @Req() req: Req,
    @Res() res: { setHeader(k: string, v: string): void; send(b: Buffer): void },
  ) {
    const a = await this.attachments.download(user, id, attachmentId, correlation(req));
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${a.fileName.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('x-content-sha256', a.sha256);
    res.send(a.content);
  }

  private step(id: string, action: string, user: Principal, body: object, req: Req) {
    return this.steps.execute(id, action, user, { ...body }, correlation(req));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recipient: the referral is not for us, with the reason.' })
  reject(@Param('id', uuid) id: string, @Body() b: ReasonDto, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'reject', u, b, r);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: withdraw the referral.' })
  withdraw(@Param('id', uuid) id: string, @Body() b: ReasonDto, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'withdraw', u, b, r);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the release or discharge will not happen as notified.' })
  cancel(@Param('id', uuid) id: string, @Body() b: ReasonDto, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'cancel', u, b, r);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the assessment is received and the case closed.' })
  complete(
    @Param('id', uuid) id: string,
    @Body() b: OptionalNoteDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'complete', u, b, r);
  }

  @Post(':id/confirm-processing-stopped')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recipient: after consent was withdrawn or expired, we have stopped processing.' })
  confirmStopped(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'confirm-processing-stopped', u, {}, r);
  }

  @Post(':id/release-date')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sender: the expected release date moved (e.g. brought forward at short notice).',
  })
  releaseDate(
    @Param('id', uuid) id: string,
    @Body() b: ChangeReleaseDateDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'change-release-date', u, b, r);
  }

  @Post(':id/housing-outcome')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Housing service: application received, housing granted, contract meeting booked, contract signed, or no housing.',
  })
  housingOutcome(
    @Param('id', uuid) id: string,
    @Body() b: HousingOutcomeDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'report-housing-outcome', u, b, r);
  }

  @Post(':id/released')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the person has been released.' })
  released(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'mark-released', u, {}, r);
  }

  @Post(':id/discharge-date')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the planned discharge date is set or changed.' })
  dischargeDate(
    @Param('id', uuid) id: string,
    @Body() b: SetDischargeDateDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'set-discharge-date', u, b, r);
  }

  @Post(':id/discharged')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the patient has been discharged.' })
  discharged(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'mark-discharged', u, {}, r);
  }

  @Post(':id/readmitted')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the patient was admitted again.' })
  readmitted(
    @Param('id', uuid) id: string,
    @Body() b: ReadmittedDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'mark-readmitted', u, b, r);
  }

  @Post(':id/left-early')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: the patient left treatment early.' })
  leftEarly(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'mark-left-early', u, {}, r);
  }

  @Post(':id/deduction/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'NAV: the deduction is set up, from the first deduction date.' })
  confirmDeduction(
    @Param('id', uuid) id: string,
    @Body() b: ConfirmDeductionDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'confirm-deduction', u, b, r);
  }

  @Post(':id/deduction/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'NAV: the first deduction has been made.' })
  activateDeduction(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: Req) {
    return this.step(id, 'activate-deduction', u, {}, r);
  }

  @Post(':id/deduction/amount')
  @HttpCode(200)
  @ApiOperation({ summary: 'Housing office: change the monthly amount.' })
  changeAmount(
    @Param('id', uuid) id: string,
    @Body() b: ChangeAmountDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'change-amount', u, b, r);
  }

  @Post(':id/deduction/stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Housing office: stop the deduction (by request, tenancy ended).' })
  stopDeduction(
    @Param('id', uuid) id: string,
    @Body() b: StopDeductionDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'stop-deduction', u, b, r);
  }

  @Post(':id/information-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assessor: ask the sender for more information; the answer clock pauses.' })
  requestInformation(
    @Param('id', uuid) id: string,
    @Body() b: RequestInformationDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'request-information', u, b, r);
  }

  @Post(':id/information')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sender: reply with the information asked for; the answer clock resumes.' })
  provideInformation(
    @Param('id', uuid) id: string,
    @Body() b: ProvideInformationDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'provide-information', u, b, r);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assessor: the assessment, a recommendation and attachments.' })
  answerAssessment(
    @Param('id', uuid) id: string,
    @Body() b: AnswerAssessmentDto,
    @CurrentUser() u: Principal,
    @Req() r: Req,
  ) {
    return this.step(id, 'answer-assessment', u, b, r);
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
