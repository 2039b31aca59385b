import { Principal } from '@overgang/auth';

export interface SubmitReleaseNoticeCommand {
  nationalId: string;
  name: string;
  expectedReleaseDate: string;
  municipalityNumber: string;
  housingSituation: string;
  followUpNeeds: string[];
  knownFollowUpService?: string;
  consentId: string;
  sender: Principal;
  correlationId: string;
}
