import { DirectoryActor, ImportRow, mayManage, rowOutsideOrganisation } from './directory-access';

const DRAMMEN = '100000016';
const BAERUM = '100000032';
const actor = (a: Partial<DirectoryActor>): DirectoryActor => ({
  userId: 'u',
  organisationNumber: DRAMMEN,
  roles: ['coordinator'],
  ...a,
});
const row = (r: Partial<ImportRow>): ImportRow => ({
  row: 2,
  kind: 'contact-person',
  id: 'cp-x',
  touches: [DRAMMEN],
  ...r,
});

describe('who may change which directory rows', () => {
  it('lets a coordinator manage their own organisation only', () => {
    expect(mayManage(actor({}), DRAMMEN)).toBe(true);
    expect(mayManage(actor({}), BAERUM)).toBe(false);
    expect(mayManage(actor({ roles: ['housing-caseworker'] }), DRAMMEN)).toBe(false);
  });

  it('accepts an import whose every row is the coordinator’s own', () => {
    expect(
      rowOutsideOrganisation(actor({}), [row({}), row({ row: 3, touches: [DRAMMEN, DRAMMEN] })]),
    ).toBeNull();
  });

  it('refuses a row that moves another organisation’s entry in, naming the row', () => {
    const refusal = rowOutsideOrganisation(actor({}), [
      row({}),
      row({ row: 3, id: 'cp-baerum-bolig-1', touches: [DRAMMEN, BAERUM] }),
    ]);
    expect(refusal).toMatchObject({
      code: 'DIRECTORY.ROW_NOT_YOUR_ORGANISATION',
      kind: 'forbidden',
      details: { row: 3, id: 'cp-baerum-bolig-1' },
    });
    expect(refusal?.message).toMatch(/^Rad 3: kontaktpersonen cp-baerum-bolig-1/);
  });

  it('refuses a row pointing at something the directory cannot place, and names a JSON row by its path', () => {
    const refusal = rowOutsideOrganisation(actor({}), [
      row({ row: 'units[1]', kind: 'unit', id: 'x', touches: [null] }),
    ]);
    expect(refusal?.message).toMatch(/^units\[1\]: enheten x/);
  });

  it('lets the hub’s administrators manage every row', () => {
    expect(
      rowOutsideOrganisation(actor({ roles: ['hub-admin'] }), [row({ touches: [BAERUM, null] })]),
    ).toBeNull();
  });
});
