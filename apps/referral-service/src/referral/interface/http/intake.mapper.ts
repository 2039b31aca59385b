import { Principal } from '@overgang/auth';
import { SubmitAssessmentRequestCommand } from '../../application/submit-assessment-request/submit-assessment-request.command';
import { SubmitBenefitDeductionCommand } from '../../application/submit-benefit-deduction/submit-benefit-deduction.command';
import { SubmitDischargeNoticeCommand } from '../../application/submit-discharge-notice/submit-discharge-notice.command';
import { SubmitReleaseNoticeCommand } from '../../application/submit-release-notice/submit-release-notice.command';
import { IntakeCommand } from '../../application/submit-referral/submit-referral.command';
import { AssessmentRequestDto } from './dto/assessment-request.request.dto';
import { BenefitDeductionRequestDto } from './dto/benefit-deduction.request.dto';
import { DischargeNoticeRequestDto } from './dto/discharge-notice.request.dto';
import { IntakeRequestDto } from './dto/intake.request.dto';
import { ReleaseNoticeRequestDto } from './dto/release-notice.request.dto';

/** Maps the intake requests to their commands: the sender comes from the token, never the body. */
function intake(dto: IntakeRequestDto, sender: Principal, correlationId: string): IntakeCommand {
  return {
    nationalId: dto.nationalId,
    name: dto.name,
    municipalityNumber: dto.municipalityNumber,
    consentId: dto.consentId,
    sender,
    correlationId,
  };
}

export function toReleaseNotice(
  dto: ReleaseNoticeRequestDto,
  sender: Principal,
  correlationId: string,
): SubmitReleaseNoticeCommand {
  return {
    ...intake(dto, sender, correlationId),
    expectedReleaseDate: dto.expectedReleaseDate,
    housingSituation: dto.housingSituation,
    followUpNeeds: dto.followUpNeeds,
    knownFollowUpService: dto.knownFollowUpService,
  };
}

export function toDischargeNotice(
  dto: DischargeNoticeRequestDto,
  sender: Principal,
  correlationId: string,
): SubmitDischargeNoticeCommand {
  return {
    ...intake(dto, sender, correlationId),
    institutionUnitId: dto.institutionUnitId,
    ward: dto.ward,
    admissionDate: dto.admissionDate,
    plannedDischargeDate: dto.plannedDischargeDate,
    housingSituation: dto.housingSituation,
    followUpNeeds: dto.followUpNeeds,
    notifyNav: dto.notifyNav,
  };
}

export function toBenefitDeduction(
  dto: BenefitDeductionRequestDto,
  sender: Principal,
  correlationId: string,
): SubmitBenefitDeductionCommand {
  return {
    ...intake(dto, sender, correlationId),
    benefit: dto.benefit,
    monthlyAmount: dto.monthlyAmount,
    accountNumber: dto.accountNumber,
    kid: dto.kid,
    firstMonth: dto.firstMonth,
    guardian: dto.guardian && { name: dto.guardian.name, contact: dto.guardian.contact },
  };
}

export function toAssessmentRequest(
  dto: AssessmentRequestDto,
  sender: Principal,
  correlationId: string,
): SubmitAssessmentRequestCommand {
  return {
    ...intake(dto, sender, correlationId),
    assessedBy: dto.assessedBy,
    questions: dto.questions,
    documentReferences: (dto.documentReferences ?? []).map((d) => ({
      reference: d.reference,
      title: d.title,
    })),
    requestedAnswerDate: dto.requestedAnswerDate,
  };
}
