import { ReferralType, UnitKind } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { ReferralDetails } from '../../infrastructure/referral.orm-entity';

/** A referral of any type, shaped by its intake: what every type has in common plus its details. */
export interface SubmitReferralCommand {
  type: ReferralType;
  nationalId: string;
  name: string;
  municipalityNumber: string;
  anchorDate: string | null;
  details: ReferralDetails;
  receivingUnitKinds: UnitKind[];
  consentId: string;
  sender: Principal;
  correlationId: string;
}
