import { OrganisationType } from '@overgang/contracts';

/** The directory's facts a caller is checked against: one consistent version of them. */
export interface DirectoryView {
  /** The organisation's type, or null when the directory does not know it. */
  organisationType(organisationNumber: string): OrganisationType | null;
  /** The organisation a unit belongs to, or null when the directory does not know the unit. */
  unitOrganisation(unitId: string): string | null;
}

/**
 * The port every service implements so that each request is checked against the directory, not
 * trusted from the token: the routing service from its own tables, the others from their
 * projection of routing.recipient-map-published.v1.
 */
export interface OrganisationDirectory {
  /** The directory as this service knows it now; null until it has received one. */
  load(): Promise<DirectoryView | null>;
}

/** Injection token of the service's OrganisationDirectory. */
export const ORGANISATION_DIRECTORY = Symbol('ORGANISATION_DIRECTORY');

export function directoryView(
  organisations: ReadonlyArray<{ organisationNumber: string; type: string }>,
  units: ReadonlyArray<{ id: string; organisationNumber: string }>,
): DirectoryView {
  const types = new Map(organisations.map((o) => [o.organisationNumber, o.type as OrganisationType]));
  const owners = new Map(units.map((u) => [u.id, u.organisationNumber]));
  return {
    organisationType: (n) => types.get(n) ?? null,
    unitOrganisation: (id) => owners.get(id) ?? null,
  };
}

/**
 * Keeps the directory in memory for a short while, so a request costs no query. A caller the
 * cached copy does not know makes one early reload (at most every `missReloadMs`), so an
 * organisation or unit added a moment ago is found without waiting for the cache to expire.
 */
export class CachedOrganisationDirectory {
  private cached: { view: DirectoryView; at: number } | null = null;
  private loading: Promise<DirectoryView | null> | null = null;

  constructor(
    private readonly source: OrganisationDirectory,
    private readonly ttlMs: number,
    private readonly missReloadMs = 500,
    private readonly now: () => number = Date.now,
  ) {}

  async view(): Promise<DirectoryView | null> {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.view;
    return this.reload();
  }

  /** A fresher copy after a miss, unless the cached one is itself only just loaded. */
  async afterMiss(): Promise<DirectoryView | null> {
    if (this.cached && this.now() - this.cached.at < Math.min(this.missReloadMs, this.ttlMs)) {
      return this.cached.view;
    }
    return this.reload();
  }

  private reload(): Promise<DirectoryView | null> {
    // Concurrent requests share one load.
    this.loading ??= this.source
      .load()
      .then((view) => {
        // Not having a directory yet is not cached: the first one is used the moment it arrives.
        this.cached = view ? { view, at: this.now() } : null;
        return view;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}
