export interface Caller {
  userId: string;
  organisationNumber: string;
  unitId: string | null;
  roles: readonly string[];
}

export interface ReferralParties {
  senderOrganisation: string;
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
 * Who may read a referral's details: the sending organisation, the routed recipients (holder or
 * unit), and the coordinators of a recipient organisation. Nobody else, whatever id they guess.
 */
export function mayRead(caller: Caller, referral: ReferralParties): boolean {
  if (caller.organisationNumber === referral.senderOrganisation) return true;
  if (recipientFor(caller, referral.recipients)) return true;
  return (
    caller.roles.includes('coordinator') &&
    referral.recipients.some((r) => r.organisationNumber === caller.organisationNumber)
  );
}

/**
 * The caller acts for the sender: same organisation, not one of its receiving units (a
 * municipality can send to its own follow-up service), and the sending unit or a coordinator.
 */
export function isSenderSide(
  caller: Caller,
  referral: ReferralParties & { senderUnit: string | null },
): boolean {
  return (
    caller.organisationNumber === referral.senderOrganisation &&
    !recipientFor(caller, referral.recipients) &&
    (referral.senderUnit === null ||
      caller.unitId === referral.senderUnit ||
      caller.roles.includes('coordinator'))
  );
}
