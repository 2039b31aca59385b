export interface Caller {
  userId: string;
  organisationNumber: string;
  unitId: string | null;
  roles: readonly string[];
}

export interface ReferralParties {
  senderOrganisation: string;
  /** The unit it was sent from; null when the sender's token named none. */
  senderUnit: string | null;
  /** The user who sent it. */
  senderUser: string;
  recipients: {
    organisationNumber: string;
    unitId: string;
    contactPersonId: string | null;
    coHolderContactPersonId?: string | null;
  }[];
}

/** The recipient entry the caller acts for: the one they hold, else one of their unit. */
export function recipientFor<R extends ReferralParties['recipients'][number]>(
  caller: Caller,
  recipients: R[],
): R | undefined {
  return (
    recipients.find(
      (r) => r.contactPersonId === caller.userId && r.organisationNumber === caller.organisationNumber,
    ) ??
    recipients.find(
      (r) =>
        caller.unitId !== null &&
        r.unitId === caller.unitId &&
        r.organisationNumber === caller.organisationNumber,
    )
  );
}

/**
 * Reads for the sending side: a coordinator of the sending organisation reads everything it sent;
 * anyone else only what their own unit sent (the sender alone, when it was sent without a unit).
 * A prison's or a municipality's other units have no business with the case.
 */
export function isOfSendingUnit(caller: Caller, referral: ReferralParties): boolean {
  if (caller.organisationNumber !== referral.senderOrganisation) return false;
  if (caller.roles.includes('coordinator')) return true;
  return referral.senderUnit !== null
    ? caller.unitId === referral.senderUnit
    : caller.userId === referral.senderUser;
}

/**
 * Who may read a referral's details: the sending unit (and the sending organisation's
 * coordinators), the routed recipients (holder or unit), and the coordinators of a recipient
 * organisation. Nobody else, whatever id they guess.
 */
export function mayRead(caller: Caller, referral: ReferralParties): boolean {
  if (isOfSendingUnit(caller, referral)) return true;
  if (recipientFor(caller, referral.recipients)) return true;
  return (
    caller.roles.includes('coordinator') &&
    referral.recipients.some((r) => r.organisationNumber === caller.organisationNumber)
  );
}

/**
 * The caller acts for the sender: the sending unit or a coordinator of the sending organisation,
 * and not one of its receiving units (a municipality can send to its own follow-up service).
 */
export function isSenderSide(caller: Caller, referral: ReferralParties): boolean {
  return isOfSendingUnit(caller, referral) && !recipientFor(caller, referral.recipients);
}
