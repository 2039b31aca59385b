import { DomainError, NotFoundError } from '@overgang/core';

export const referralNotFound = () =>
  new NotFoundError('REFERRAL.NOT_FOUND', 'No referral with that id exists, or you may not see it.');

export const notARecipient = () =>
  new DomainError(
    'REFERRAL.NOT_A_RECIPIENT',
    'Only a contact person of a receiving unit can do this.',
    'forbidden',
  );

export const notYetDelivered = (status: string) =>
  new DomainError(
    'REFERRAL.NOT_YET_DELIVERED',
    'The referral has not been routed to its recipients yet; try again in a moment.',
    'conflict',
    { currentStatus: status },
  );

export const alreadyAcknowledged = (unitId: string, at: Date) =>
  new DomainError(
    'REFERRAL.ALREADY_ACKNOWLEDGED',
    `Unit ${unitId} already acknowledged this referral at ${at.toISOString()}.`,
    'conflict',
    { unitId, acknowledgedAt: at.toISOString() },
  );

export const municipalityNotServed = (municipalityNumber: string, type: string, missingUnitKinds: string[]) =>
  new DomainError(
    'REFERRAL.MUNICIPALITY_NOT_SERVED',
    `Municipality ${municipalityNumber} has no ${missingUnitKinds.join(' or ')} unit that receives ${type} in the directory yet. Ask the hub's coordinators to add it.`,
    'unprocessable',
    { field: 'municipalityNumber', missingUnitKinds },
  );
