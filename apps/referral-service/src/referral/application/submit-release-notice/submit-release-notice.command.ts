import { FollowUpNeed, HousingSituation } from '../../domain/codes';
import { IntakeCommand } from '../submit-referral/submit-referral.command';

/** A prison social consultant notifies the municipality and NAV of a coming release. */
export interface SubmitReleaseNoticeCommand extends IntakeCommand {
  expectedReleaseDate: string;
  housingSituation: HousingSituation;
  followUpNeeds: FollowUpNeed[];
  knownFollowUpService?: string;
}
