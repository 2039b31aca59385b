import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receivingUnitKinds } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { addCalendarDays, Clock, CLOCK, DomainError, osloDate } from '@overgang/core';
import { normaliseAccountNumber } from '@overgang/norway';
import {
  checkDischargeDates,
  checkFirstMonth,
  checkReleaseDate,
  checkRequestedAnswerDate,
} from '../../domain/intake';
import { KnownInstitutionOrmEntity } from '../../infrastructure/referral.orm-entity';
import { AssessmentRequestDto } from '../../interface/http/dto/assessment-request.request.dto';
import { BenefitDeductionRequestDto } from '../../interface/http/dto/benefit-deduction.request.dto';
import { DischargeNoticeRequestDto } from '../../interface/http/dto/discharge-notice.request.dto';
import { ReleaseNoticeRequestDto } from '../../interface/http/dto/release-notice.request.dto';
import { SubmitReferralHandler } from './submit-referral.handler';

const ANSWER_DAYS = 14;

/** Shapes each type's request into the common submission, with the type's own rules. */
@Injectable()
export class ReferralIntake {
  constructor(
    private readonly submit: SubmitReferralHandler,
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return osloDate(this.clock.now());
  }

  releaseNotice(dto: ReleaseNoticeRequestDto, sender: Principal, correlationId: string) {
    checkReleaseDate(dto.expectedReleaseDate, this.today());
    return this.submit.execute({
      type: 'release-notice',
      nationalId: dto.nationalId,
      name: dto.name,
      municipalityNumber: dto.municipalityNumber,
      anchorDate: dto.expectedReleaseDate,
      receivingUnitKinds: receivingUnitKinds('release-notice'),
      details: {
        expectedReleaseDate: dto.expectedReleaseDate,
        housingSituation: dto.housingSituation,
        followUpNeeds: dto.followUpNeeds,
        knownFollowUpService: dto.knownFollowUpService ?? null,
      },
      consentId: dto.consentId,
      sender,
      correlationId,
    });
  }

  async dischargeNotice(dto: DischargeNoticeRequestDto, sender: Principal, correlationId: string) {
    checkDischargeDates(dto.admissionDate, dto.plannedDischargeDate, this.today());
    const institution = await this.ds
      .getRepository(KnownInstitutionOrmEntity)
      .findOneBy({ unitId: dto.institutionUnitId });
    if (!institution || institution.organisationNumber !== sender.organisationNumber) {
      throw new DomainError(
        'REFERRAL.UNKNOWN_INSTITUTION',
        `Institution ${dto.institutionUnitId} is not an institution of your health trust in the directory.`,
        'unprocessable',
        { field: 'institutionUnitId' },
      );
    }
    return this.submit.execute({
      type: 'discharge-notice',
      nationalId: dto.nationalId,
      name: dto.name,
      municipalityNumber: dto.municipalityNumber,
      anchorDate: dto.plannedDischargeDate ?? null,
      receivingUnitKinds: receivingUnitKinds('discharge-notice', { includeNav: dto.notifyNav }),
      details: {
        institutionUnitId: dto.institutionUnitId,
        ward: dto.ward,
        admissionDate: dto.admissionDate,
        plannedDischargeDate: dto.plannedDischargeDate ?? null,
        housingSituation: dto.housingSituation,
        followUpNeeds: dto.followUpNeeds,
        notifyNav: dto.notifyNav,
      },
      consentId: dto.consentId,
      sender,
      correlationId,
    });
  }

  benefitDeduction(dto: BenefitDeductionRequestDto, sender: Principal, correlationId: string) {
    checkFirstMonth(dto.firstMonth, this.today());
    return this.submit.execute({
      type: 'benefit-deduction',
      nationalId: dto.nationalId,
      name: dto.name,
      municipalityNumber: dto.municipalityNumber,
      anchorDate: null,
      receivingUnitKinds: receivingUnitKinds('benefit-deduction'),
      details: {
        benefit: dto.benefit,
        monthlyAmount: dto.monthlyAmount,
        accountNumber: normaliseAccountNumber(dto.accountNumber),
        kid: dto.kid,
        firstMonth: dto.firstMonth,
        guardian: dto.guardian ? { name: dto.guardian.name, contact: dto.guardian.contact ?? null } : null,
        deductionStatus: 'requested',
      },
      consentId: dto.consentId,
      sender,
      correlationId,
    });
  }

  assessmentRequest(dto: AssessmentRequestDto, sender: Principal, correlationId: string) {
    const today = this.today();
    checkRequestedAnswerDate(dto.requestedAnswerDate, today);
    const answerBy = dto.requestedAnswerDate ?? addCalendarDays(today, ANSWER_DAYS);
    return this.submit.execute({
      type: 'assessment-request',
      nationalId: dto.nationalId,
      name: dto.name,
      municipalityNumber: dto.municipalityNumber,
      anchorDate: null,
      receivingUnitKinds: receivingUnitKinds('assessment-request', { assessedBy: dto.assessedBy }),
      details: {
        assessedBy: dto.assessedBy,
        questions: dto.questions,
        documentReferences: (dto.documentReferences ?? []).map((d) => `${d.title} (${d.reference})`),
        requestedAnswerDate: answerBy,
        informationRequested: false,
      },
      consentId: dto.consentId,
      sender,
      correlationId,
    });
  }
}
