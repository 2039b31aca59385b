import { checkCaller } from './caller-check';
import { directoryView } from './organisation-directory';
import { Principal } from './principal';

const view = directoryView(
  [
    { organisationNumber: '100000016', type: 'municipality' },
    { organisationNumber: '100000024', type: 'nav-office' },
    { organisationNumber: '100000148', type: 'hub' },
  ],
  [
    { id: 'drammen-boligtjenesten', organisationNumber: '100000016' },
    { id: 'nav-drammen-sosial', organisationNumber: '100000024' },
  ],
);
const principal = (p: Partial<Principal>): Principal => ({
  userId: 'u',
  organisationNumber: '100000024',
  unitId: 'nav-drammen-sosial',
  roles: ['nav-caseworker'],
  ...p,
});

describe('a verified caller checked against the directory', () => {
  it('keeps the roles valid for the organisation’s type and drops the rest', () => {
    expect(checkCaller(view, principal({ roles: ['prison-consultant', 'nav-caseworker'] }))).toEqual({
      ok: true,
      roles: ['nav-caseworker'],
    });
    expect(
      checkCaller(
        view,
        principal({
          organisationNumber: '100000016',
          unitId: 'drammen-boligtjenesten',
          roles: ['hub-admin', 'coordinator'],
        }),
      ),
    ).toEqual({ ok: true, roles: ['coordinator'] });
    expect(
      checkCaller(view, principal({ organisationNumber: '100000148', unitId: null, roles: ['hub-admin'] })),
    ).toEqual({ ok: true, roles: ['hub-admin'] });
  });

  it('refuses an organisation the directory does not know', () => {
    expect(checkCaller(view, principal({ organisationNumber: '999999999', unitId: null }))).toMatchObject({
      ok: false,
      code: 'AUTH.UNKNOWN_ORGANISATION',
    });
  });

  it('refuses a unit of another organisation, and an unknown unit', () => {
    const other = checkCaller(view, principal({ unitId: 'drammen-boligtjenesten' }));
    expect(other).toMatchObject({ ok: false, code: 'AUTH.UNIT_NOT_IN_ORGANISATION' });
    expect(!other.ok && other.message).toMatch(/hører ikke til organisasjonen 100000024/);
    expect(checkCaller(view, principal({ unitId: 'nowhere' }))).toMatchObject({
      ok: false,
      code: 'AUTH.UNIT_NOT_IN_ORGANISATION',
    });
  });

  it('accepts a caller without a unit', () => {
    expect(checkCaller(view, principal({ unitId: null }))).toMatchObject({ ok: true });
  });
});
