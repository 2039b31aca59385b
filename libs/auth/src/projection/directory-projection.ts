import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RecipientMapPublishedV1 } from '@overgang/contracts';
import { HealthCheck } from '@overgang/observability';
import { DirectoryView, directoryView, OrganisationDirectory } from '../organisation-directory';
import {
  DirectoryOrganisationOrmEntity,
  DirectoryProjectionOrmEntity,
  DirectoryUnitOrmEntity,
} from './directory-projection.orm-entity';

const ROW = 1;

export type ProjectionOutcome = 'applied' | 'older' | 'without-directory';

/**
 * Keeps the newest directory of routing.recipient-map-published.v1, in the consumer's transaction.
 * Maps arrive late, twice or out of order: one older than the version held changes nothing, and
 * one from a producer that did not yet send organisations leaves the projection as it is.
 */
export async function projectDirectory(
  manager: EntityManager,
  map: RecipientMapPublishedV1,
): Promise<ProjectionOutcome> {
  if (!map.organisations || !map.units) return 'without-directory';
  // Two replicas consuming two maps at once (the first one included): the lock orders them.
  // Keyed by schema: advisory locks are database-wide, and every service keeps its own projection.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.directory_projection'))`);
  const held = await manager.findOneBy(DirectoryProjectionOrmEntity, { id: ROW });
  if (held && held.version > map.version) return 'older';
  await manager.query(`DELETE FROM directory_unit`);
  await manager.query(`DELETE FROM directory_organisation`);
  if (map.organisations.length > 0) {
    await manager.insert(
      DirectoryOrganisationOrmEntity,
      map.organisations.map((o) => ({ organisationNumber: o.organisationNumber, type: o.type })),
    );
  }
  if (map.units.length > 0) {
    await manager.insert(
      DirectoryUnitOrmEntity,
      map.units.map((u) => ({ id: u.id, organisationNumber: u.organisationNumber, kind: u.kind })),
    );
  }
  await manager.save(DirectoryProjectionOrmEntity, {
    id: ROW,
    version: map.version,
    publishedAt: new Date(map.publishedAt),
  });
  return 'applied';
}

/** The OrganisationDirectory of a service that learns the directory from the routing service's events. */
@Injectable()
export class ProjectedOrganisationDirectory implements OrganisationDirectory {
  constructor(private readonly ds: DataSource) {}

  async load(): Promise<DirectoryView | null> {
    // One statement, so the organisations and the units are of the same version.
    const [row] = await this.ds.query<
      Array<{
        version: number | null;
        organisations: Array<{ organisationNumber: string; type: string }>;
        units: Array<{ id: string; organisationNumber: string }>;
      }>
    >(
      `SELECT (SELECT version FROM directory_projection WHERE id = ${ROW}) AS version,
              (SELECT coalesce(json_agg(json_build_object('organisationNumber', organisation_number, 'type', type)), '[]')
                 FROM directory_organisation) AS organisations,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'organisationNumber', organisation_number)), '[]')
                 FROM directory_unit) AS units`,
    );
    if (!row || row.version === null) return null;
    return directoryView(row.organisations, row.units);
  }
}

/** Not ready until the first directory has arrived: until then every request is answered 503. */
export const directoryProjectionLoaded =
  (ds: DataSource): HealthCheck =>
  async () => {
    const row = await ds.manager.findOneBy(DirectoryProjectionOrmEntity, { id: ROW });
    return {
      name: 'organisationDirectory',
      ok: !!row,
      detail: 'waiting for the organisations of routing.recipient-map-published.v1',
    };
  };
