import { ReferralType, UnitKind } from '@overgang/contracts';
import { Principal } from '@overgang/auth';
import { ReferralDetails } from '../../domain/referral-details';

/** What every intake has: the person, their municipality, the consent, and who sends it. */
export interface IntakeCommand {
  nationalId: string;
  name: string;
  municipalityNumber: string;
  consentId: string;
  sender: Principal;
  correlationId: string;
}

/** A referral of any type, shaped by its intake: what every type has in common plus its details. */
export interface SubmitReferralCommand extends IntakeCommand {
  type: ReferralType;
  anchorDate: string | null;
  details: ReferralDetails;
  receivingUnitKinds: UnitKind[];
}

/** The common part of an intake command, without the type's own fields. */
export function intakeOf(cmd: IntakeCommand): IntakeCommand {
  return {
    nationalId: cmd.nationalId,
    name: cmd.name,
    municipalityNumber: cmd.municipalityNumber,
    consentId: cmd.consentId,
    sender: cmd.sender,
    correlationId: cmd.correlationId,
  };
}
