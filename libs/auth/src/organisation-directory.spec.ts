import {
  CachedOrganisationDirectory,
  DirectoryView,
  directoryView,
  OrganisationDirectory,
} from './organisation-directory';

class CountingSource implements OrganisationDirectory {
  loads = 0;
  constructor(public view: DirectoryView | null) {}
  load() {
    this.loads++;
    return Promise.resolve(this.view);
  }
}

const empty = directoryView([], []);

describe('the directory cache', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 0));

  it('loads once within its time to live, and again after it', async () => {
    const source = new CountingSource(empty);
    const cache = new CachedOrganisationDirectory(source, 5000, 500, now);
    await Promise.all([cache.view(), cache.view()]);
    t = 4999;
    await cache.view();
    expect(source.loads).toBe(1);
    t = 5000;
    await cache.view();
    expect(source.loads).toBe(2);
  });

  it('reloads early after a miss, but not more often than the miss interval', async () => {
    const source = new CountingSource(empty);
    const cache = new CachedOrganisationDirectory(source, 5000, 500, now);
    await cache.view();
    t = 100;
    await cache.afterMiss();
    expect(source.loads).toBe(1);
    t = 600;
    await cache.afterMiss();
    expect(source.loads).toBe(2);
  });

  it('does not remember that there was no directory yet', async () => {
    const source = new CountingSource(null);
    const cache = new CachedOrganisationDirectory(source, 5000, 500, now);
    expect(await cache.view()).toBeNull();
    source.view = directoryView([{ organisationNumber: '100000016', type: 'municipality' }], []);
    expect((await cache.view())?.organisationType('100000016')).toBe('municipality');
  });
});
