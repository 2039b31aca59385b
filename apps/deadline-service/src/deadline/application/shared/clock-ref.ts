import { ClockKind, ClockRefV1, ReferralType } from '@overgang/contracts';
import type { ClockOrmEntity } from '../../infrastructure/clock.orm-entity';

/** The fields every deadline event carries about its clock. */
export function clockRef(c: ClockOrmEntity): ClockRefV1 {
  return {
    clockId: c.id,
    referralId: c.referralId,
    referralType: c.referralType as ReferralType,
    kind: c.kind as ClockKind,
    recipientOrganisationNumber: c.recipientOrganisationNumber,
    recipientUnitId: c.recipientUnitId,
  };
}
