import { DomainError } from '@overgang/core';

/** Who asks for a directory change: a signed-in user's roles and organisation. */
export interface DirectoryActor {
  userId: string;
  organisationNumber: string;
  roles: readonly string[];
}

export function isHubAdmin(actor: DirectoryActor): boolean {
  return actor.roles.includes('hub-admin');
}

/** The hub's administrators manage every organisation; a coordinator only their own. */
export function mayManage(actor: DirectoryActor, organisationNumber: string): boolean {
  return (
    isHubAdmin(actor) ||
    (actor.roles.includes('coordinator') && actor.organisationNumber === organisationNumber)
  );
}

export function notYourOrganisation(what: string): DomainError {
  return new DomainError(
    'DIRECTORY.NOT_YOUR_ORGANISATION',
    `Only a coordinator of the organisation itself (or the hub's administrators) can ${what}.`,
    'forbidden',
  );
}
