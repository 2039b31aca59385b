import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receivingUnitKinds } from '@overgang/contracts';
import { CLOCK, Clock, DomainError, osloDate } from '@overgang/core';
import { checkDischargeDates } from '../../domain/intake';
import { RecipientMapRepository } from '../../infrastructure/recipient-map.repository';
import { intakeOf } from '../submit-referral/submit-referral.command';
import { SubmitReferralHandler } from '../submit-referral/submit-referral.handler';
import { SubmitDischargeNoticeCommand } from './submit-discharge-notice.command';

/** A discharge notice: from an institution of the sender's own health trust, with dates in order. */
@Injectable()
export class SubmitDischargeNoticeHandler {
  constructor(
    private readonly submit: SubmitReferralHandler,
    private readonly recipientMaps: RecipientMapRepository,
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: SubmitDischargeNoticeCommand) {
    checkDischargeDates(cmd.admissionDate, cmd.plannedDischargeDate, osloDate(this.clock.now()));
    const institution = await this.recipientMaps.institution(this.ds.manager, cmd.institutionUnitId);
    if (!institution || institution.organisationNumber !== cmd.sender.organisationNumber) {
      throw new DomainError(
        'REFERRAL.UNKNOWN_INSTITUTION',
        `Institution ${cmd.institutionUnitId} is not an institution of your health trust in the directory.`,
        'unprocessable',
        { field: 'institutionUnitId' },
      );
    }
    return this.submit.execute({
      ...intakeOf(cmd),
      type: 'discharge-notice',
      anchorDate: cmd.plannedDischargeDate ?? null,
      receivingUnitKinds: receivingUnitKinds('discharge-notice', { includeNav: cmd.notifyNav }),
      details: {
        institutionUnitId: cmd.institutionUnitId,
        ward: cmd.ward,
        admissionDate: cmd.admissionDate,
        plannedDischargeDate: cmd.plannedDischargeDate ?? null,
        housingSituation: cmd.housingSituation,
        followUpNeeds: cmd.followUpNeeds,
        notifyNav: cmd.notifyNav,
      },
    });
  }
}
