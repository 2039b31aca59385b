/** Who asks for the access log: the verified token's organisation and roles. */
export interface AccessLogReader {
  organisationNumber: string;
  roles: readonly string[];
}

/**
 * What of the access log a reader may see: the hub's security officers and administrators all of
 * it; an organisation's security officer the entries by its users and about what it sent or
 * received; a coordinator the entries of one referral of their organisation; nobody else any.
 */
export type AccessLogScope =
  | { kind: 'all' }
  | { kind: 'organisation'; organisationNumber: string }
  | { kind: 'one-referral' }
  | { kind: 'none' };

export function accessLogScope(reader: AccessLogReader, inHubOrganisation: boolean): AccessLogScope {
  const has = (role: string) => reader.roles.includes(role);
  if (inHubOrganisation && (has('security-officer') || has('hub-admin'))) return { kind: 'all' };
  if (has('security-officer')) return { kind: 'organisation', organisationNumber: reader.organisationNumber };
  if (has('coordinator')) return { kind: 'one-referral' };
  return { kind: 'none' };
}
