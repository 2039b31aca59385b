import { DataSource } from 'typeorm';
import { directoryProjectionLoaded, projectDirectory, ProjectedOrganisationDirectory } from '@overgang/auth';
import { RecipientMapPublishedV1 } from '@overgang/contracts';
import { inTransaction, openServiceDataSource } from '@overgang/persistence';
import { DB_SCHEMA } from '../config/env.schema';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

const map = (
  version: number,
  organisations: RecipientMapPublishedV1['organisations'],
  units: RecipientMapPublishedV1['units'] = [],
): RecipientMapPublishedV1 => ({
  version,
  entries: [],
  organisations,
  units,
  publishedAt: '2026-11-23T08:00:00.000Z',
});
const drammen = { organisationNumber: '100000016', type: 'municipality' as const };
const nav = { organisationNumber: '100000024', type: 'nav-office' as const };
const bolig = {
  id: 'drammen-boligtjenesten',
  organisationNumber: '100000016',
  kind: 'housing-service' as const,
};

/** The directory the deadline service checks its callers against, kept from the routing service's maps. */
describe('the projected directory, on real PostgreSQL', () => {
  let ds: DataSource;
  let directory: ProjectedOrganisationDirectory;
  const apply = (m: RecipientMapPublishedV1) => inTransaction(ds, (manager) => projectDirectory(manager, m));

  beforeAll(async () => {
    ds = await openServiceDataSource({
      url: process.env.DATABASE_URL as string,
      schema: DB_SCHEMA,
      entities: ENTITIES,
      migrations: MIGRATIONS,
    });
    directory = new ProjectedOrganisationDirectory(ds);
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE directory_projection, directory_organisation, directory_unit');
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('knows no directory, and is not ready, before the first map', async () => {
    expect(await directory.load()).toBeNull();
    expect((await directoryProjectionLoaded(ds)()).ok).toBe(false);
  });

  it('keeps the newest map: a late older one and a second delivery change nothing', async () => {
    expect(await apply(map(5, [drammen, nav], [bolig]))).toBe('applied');
    expect(await apply(map(3, [nav]))).toBe('older');
    expect(await apply(map(5, [drammen, nav], [bolig]))).toBe('applied');
    const view = await directory.load();
    expect(view?.organisationType('100000016')).toBe('municipality');
    expect(view?.organisationType('100000024')).toBe('nav-office');
    expect(view?.unitOrganisation('drammen-boligtjenesten')).toBe('100000016');
    expect((await directoryProjectionLoaded(ds)()).ok).toBe(true);
  });

  it('forgets what a newer map no longer names', async () => {
    await apply(map(7, [drammen, nav], [bolig]));
    await apply(map(8, [nav]));
    const view = await directory.load();
    expect(view?.organisationType('100000016')).toBeNull();
    expect(view?.unitOrganisation('drammen-boligtjenesten')).toBeNull();
    expect(view?.organisationType('100000024')).toBe('nav-office');
  });

  it('leaves the projection alone for a map from a producer that sent no organisations yet', async () => {
    await apply(map(9, [drammen]));
    const legacy: RecipientMapPublishedV1 = {
      version: 10,
      entries: [],
      publishedAt: '2026-11-23T08:00:00.000Z',
    };
    expect(await apply(legacy)).toBe('without-directory');
    expect((await directory.load())?.organisationType('100000016')).toBe('municipality');
  });

  it('orders two maps projected at once', async () => {
    await Promise.all([apply(map(11, [drammen])), apply(map(12, [nav]))]);
    const [row] = await ds.query<Array<{ version: number }>>('SELECT version FROM directory_projection');
    expect(row.version).toBe(12);
    expect((await directory.load())?.organisationType('100000024')).toBe('nav-office');
    expect((await directory.load())?.organisationType('100000016')).toBeNull();
  });
});
