import { Inject, Injectable } from '@nestjs/common';
import { receivingUnitKinds } from '@overgang/contracts';
import { CLOCK, Clock, osloDate } from '@overgang/core';
import { checkReleaseDate } from '../../domain/intake';
import { intakeOf } from '../submit-referral/submit-referral.command';
import { SubmitReferralHandler } from '../submit-referral/submit-referral.handler';
import { SubmitReleaseNoticeCommand } from './submit-release-notice.command';

/** A release notice: the release date may not have passed; it anchors the referral's deadlines. */
@Injectable()
export class SubmitReleaseNoticeHandler {
  constructor(
    private readonly submit: SubmitReferralHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(cmd: SubmitReleaseNoticeCommand) {
    checkReleaseDate(cmd.expectedReleaseDate, osloDate(this.clock.now()));
    return this.submit.execute({
      ...intakeOf(cmd),
      type: 'release-notice',
      anchorDate: cmd.expectedReleaseDate,
      receivingUnitKinds: receivingUnitKinds('release-notice'),
      details: {
        expectedReleaseDate: cmd.expectedReleaseDate,
        housingSituation: cmd.housingSituation,
        followUpNeeds: cmd.followUpNeeds,
        knownFollowUpService: cmd.knownFollowUpService ?? null,
      },
    });
  }
}
