import { DischargeHousing, FollowUpNeed } from '../../domain/codes';
import { IntakeCommand } from '../submit-referral/submit-referral.command';

/** A health-trust institution reports a patient without a home (NAV too, when asked). */
export interface SubmitDischargeNoticeCommand extends IntakeCommand {
  /** Directory id of the institution: a unit of the sender's health trust. */
  institutionUnitId: string;
  ward: string;
  admissionDate: string;
  plannedDischargeDate?: string;
  housingSituation: DischargeHousing;
  followUpNeeds: FollowUpNeed[];
  notifyNav: boolean;
}
