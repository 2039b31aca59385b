import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation of the routing service's directory and its type, as this service last heard. */
@Entity({ name: 'directory_organisation' })
export class DirectoryOrganisationOrmEntity {
  @PrimaryColumn('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text')
  type!: string;
}

/** A unit of the routing service's directory and the organisation it belongs to. */
@Entity({ name: 'directory_unit' })
export class DirectoryUnitOrmEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'organisation_number' })
  organisationNumber!: string;

  @Column('text')
  kind!: string;
}

/** Which version of the directory the two tables hold (one row); none before the first map. */
@Entity({ name: 'directory_projection' })
export class DirectoryProjectionOrmEntity {
  @PrimaryColumn('smallint')
  id!: number;

  @Column('int')
  version!: number;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;
}

/** The projection's entities, for a service's ENTITIES list (each service keeps them in its own schema). */
export const DIRECTORY_PROJECTION_ENTITIES = [
  DirectoryOrganisationOrmEntity,
  DirectoryUnitOrmEntity,
  DirectoryProjectionOrmEntity,
];
