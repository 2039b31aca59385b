import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { ReferralStepAction } from '@overgang/contracts';
import { AcknowledgeReferralHandler } from '../../application/acknowledge-referral/acknowledge-referral.handler';
import { StepInputs } from '../../application/take-step/take-step.command';
import { TakeStepHandler } from '../../application/take-step/take-step.handler';
import { StepTakenResponseDto } from './dto/step-taken.response.dto';
import {
  AnswerAssessmentDto,
  ChangeAmountDto,
  ChangeReleaseDateDto,
  ConfirmDeductionDto,
  DischargedDto,
  HousingOutcomeDto,
  LeftEarlyDto,
  NavOutcomeDto,
  OptionalNoteDto,
  ProvideInformationDto,
  ReadmittedDto,
  ReasonDto,
  ReleasedDto,
  RequestInformationDto,
  SetDischargeDateDto,
  StopDeductionDto,
} from './dto/steps.request.dto';
import { correlation, HttpRequest, uuid } from './http-request';
import { LogsRefusal } from './refused-access.interceptor';

/** Acknowledging a referral, and every step after it: each route names its step, each body its input. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
@LogsRefusal({ objectType: 'referral', action: 'take-step', referral: 'id' })
export class StepsController {
  constructor(
    private readonly acknowledge: AcknowledgeReferralHandler,
    private readonly steps: TakeStepHandler,
  ) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('housing-caseworker', 'nav-caseworker', 'coordinator')
  @ApiOperation({ summary: 'A recipient confirms they have the referral; their deadline clock is met.' })
  ack(@Param('id', uuid) id: string, @CurrentUser() user: Principal, @Req() req: HttpRequest) {
    return this.acknowledge.execute({ referralId: id, by: user, correlationId: correlation(req) });
  }

  private step<A extends ReferralStepAction>(
    id: string,
    action: A,
    user: Principal,
    input: StepInputs[A],
    req: HttpRequest,
  ): Promise<StepTakenResponseDto> {
    return this.steps.execute({ referralId: id, action, input, by: user, correlationId: correlation(req) });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Recipient: the referral is not for us, with the reason.' })
  reject(
    @Param('id', uuid) id: string,
    @Body() b: ReasonDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'reject', u, { reason: b.reason }, r);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: withdraw the referral.' })
  withdraw(
    @Param('id', uuid) id: string,
    @Body() b: ReasonDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'withdraw', u, { reason: b.reason }, r);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: the release or discharge will not happen as notified.' })
  cancel(
    @Param('id', uuid) id: string,
    @Body() b: ReasonDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'cancel', u, { reason: b.reason }, r);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: the assessment is received and the case closed.' })
  complete(
    @Param('id', uuid) id: string,
    @Body() b: OptionalNoteDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'complete', u, { note: b.note }, r);
  }

  @Post(':id/confirm-processing-stopped')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Recipient: after consent was withdrawn or expired, we have stopped processing.' })
  confirmStopped(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: HttpRequest) {
    return this.step(id, 'confirm-processing-stopped', u, {}, r);
  }

  @Post(':id/release-date')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary: 'Sender: the expected release date moved (e.g. brought forward at short notice).',
  })
  releaseDate(
    @Param('id', uuid) id: string,
    @Body() b: ChangeReleaseDateDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'change-release-date',
      u,
      { expectedReleaseDate: b.expectedReleaseDate, reasonCode: b.reasonCode, note: b.note },
      r,
    );
  }

  @Post(':id/housing-outcome')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'Housing service: application received, housing granted, contract meeting booked, contract signed, or no housing.',
  })
  housingOutcome(
    @Param('id', uuid) id: string,
    @Body() b: HousingOutcomeDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'report-housing-outcome',
      u,
      { outcome: b.outcome, reason: b.reason, date: b.date },
      r,
    );
  }

  @Post(':id/released')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: the person has been released.' })
  released(
    @Param('id', uuid) id: string,
    @Body() b: ReleasedDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'mark-released', u, { releasedOn: b.releasedOn }, r);
  }

  @Post(':id/discharge-date')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: the planned discharge date is set or changed.' })
  dischargeDate(
    @Param('id', uuid) id: string,
    @Body() b: SetDischargeDateDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'set-discharge-date',
      u,
      { plannedDischargeDate: b.plannedDischargeDate, note: b.note },
      r,
    );
  }

  @Post(':id/discharged')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: the patient has been discharged.' })
  discharged(
    @Param('id', uuid) id: string,
    @Body() b: DischargedDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'mark-discharged', u, { dischargedOn: b.dischargedOn }, r);
  }

  @Post(':id/readmitted')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'Sender: the patient was admitted again after a discharge (which reopens the referral) or an early leave.',
  })
  readmitted(
    @Param('id', uuid) id: string,
    @Body() b: ReadmittedDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'mark-readmitted', u, { admissionDate: b.admissionDate }, r);
  }

  @Post(':id/left-early')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'Sender: the patient left treatment early; the referral stays open for the municipality, its discharge date the day they left.',
  })
  leftEarly(
    @Param('id', uuid) id: string,
    @Body() b: LeftEarlyDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'mark-left-early', u, { leftOn: b.leftOn, note: b.note }, r);
  }

  @Post(':id/deduction/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'NAV: the deduction is set up, from the first deduction date.' })
  confirmDeduction(
    @Param('id', uuid) id: string,
    @Body() b: ConfirmDeductionDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'confirm-deduction', u, { firstDeductionDate: b.firstDeductionDate }, r);
  }

  @Post(':id/deduction/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'NAV: the first deduction has been made.' })
  activateDeduction(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: HttpRequest) {
    return this.step(id, 'activate-deduction', u, {}, r);
  }

  @Post(':id/deduction/amount')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'Housing office: ask for a new monthly amount from a month; it takes effect when NAV confirms it.',
  })
  changeAmount(
    @Param('id', uuid) id: string,
    @Body() b: ChangeAmountDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'change-amount',
      u,
      { monthlyAmount: b.monthlyAmount, effectiveMonth: b.effectiveMonth },
      r,
    );
  }

  @Post(':id/deduction/stop')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'Housing office: ask NAV to stop the deduction from a month (by request, tenancy ended); NAV confirms it.',
  })
  stopDeduction(
    @Param('id', uuid) id: string,
    @Body() b: StopDeductionDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'stop-deduction',
      u,
      { reasonCode: b.reasonCode, effectiveMonth: b.effectiveMonth },
      r,
    );
  }

  @Post(':id/deduction/confirm-change')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary:
      'NAV: the change of amount or the stop the housing office asked for is made (a stop completes it).',
  })
  confirmDeductionChange(@Param('id', uuid) id: string, @CurrentUser() u: Principal, @Req() r: HttpRequest) {
    return this.step(id, 'confirm-deduction-change', u, {}, r);
  }

  @Post(':id/nav-outcome')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({
    summary: 'NAV: what was done for the person (a code; a note for other); shown to the sender.',
  })
  navOutcome(
    @Param('id', uuid) id: string,
    @Body() b: NavOutcomeDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'record-nav-outcome', u, { outcome: b.outcome, note: b.note }, r);
  }

  @Post(':id/information-requests')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Assessor: ask the sender for more information; the answer clock pauses.' })
  requestInformation(
    @Param('id', uuid) id: string,
    @Body() b: RequestInformationDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(id, 'request-information', u, { question: b.question }, r);
  }

  @Post(':id/information')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Sender: reply with the information asked for; the answer clock resumes.' })
  provideInformation(
    @Param('id', uuid) id: string,
    @Body() b: ProvideInformationDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'provide-information',
      u,
      { information: b.information, attachmentIds: b.attachmentIds },
      r,
    );
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @ApiOkResponse({ type: StepTakenResponseDto })
  @ApiOperation({ summary: 'Assessor: the assessment, a recommendation and attachments.' })
  answerAssessment(
    @Param('id', uuid) id: string,
    @Body() b: AnswerAssessmentDto,
    @CurrentUser() u: Principal,
    @Req() r: HttpRequest,
  ) {
    return this.step(
      id,
      'answer-assessment',
      u,
      { assessment: b.assessment, recommendation: b.recommendation, attachmentIds: b.attachmentIds },
      r,
    );
  }
}
