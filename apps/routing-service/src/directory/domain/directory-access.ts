import { DomainError } from '@overgang/core';

/** Who asks for a directory change: a signed-in user's roles and organisation. */
export interface DirectoryActor {
  userId: string;
  organisationNumber: string;
  roles: readonly string[];
}

/** The role is valid only in the hub's own organisation: the auth guard drops it anywhere else. */
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

export type ImportRowKind = 'organisation' | 'unit' | 'contact-person' | 'nav-coverage';

const KIND_NAMES: Record<ImportRowKind, string> = {
  organisation: 'organisasjonen',
  unit: 'enheten',
  'contact-person': 'kontaktpersonen',
  'nav-coverage': 'NAV-dekningen for kommunenummer',
};

/**
 * One row of an import and every organisation it touches: the one the entry belongs to now (if it
 * exists) and the one it would belong to after the import. null: an organisation the directory
 * cannot name (the row points at something unknown).
 */
export interface ImportRow {
  /** How the caller finds the row: the CSV line number, or a JSON path like units[2]. */
  row: number | string;
  kind: ImportRowKind;
  id: string;
  touches: Array<string | null>;
}

/**
 * The first row that touches an organisation the caller may not manage, as a refusal that names
 * it; null when every row is theirs. An import is all or nothing: one such row refuses the file.
 */
export function rowOutsideOrganisation(actor: DirectoryActor, rows: ImportRow[]): DomainError | null {
  if (isHubAdmin(actor)) return null;
  const bad = rows.find((r) => r.touches.some((org) => org === null || !mayManage(actor, org)));
  if (!bad) return null;
  const where = typeof bad.row === 'number' ? `Rad ${bad.row}` : bad.row;
  return new DomainError(
    'DIRECTORY.ROW_NOT_YOUR_ORGANISATION',
    `${where}: ${KIND_NAMES[bad.kind]} ${bad.id} hører til en annen organisasjon enn din, eller skulle flyttes dit. Bare en koordinator i den organisasjonen (eller hubens administratorer) kan endre den. Ingenting er importert.`,
    'forbidden',
    { row: bad.row, id: bad.id },
  );
}
