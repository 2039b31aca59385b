import { ORGANISATION_TYPES } from '@overgang/contracts';
import { ROLES } from './principal';
import { isRoleValidIn, ROLE_ORGANISATION_TYPES, rolesValidIn } from './role-bindings';

describe('which organisations a role belongs to', () => {
  it('binds every role, and only to known organisation types', () => {
    expect(Object.keys(ROLE_ORGANISATION_TYPES).sort()).toEqual([...ROLES].sort());
    for (const types of Object.values(ROLE_ORGANISATION_TYPES)) {
      expect(types.length).toBeGreaterThan(0);
      for (const t of types) expect(ORGANISATION_TYPES).toContain(t);
    }
  });

  it.each([
    ['prison-consultant', 'prison'],
    ['health-trust-staff', 'health-trust'],
    ['housing-caseworker', 'municipality'],
    ['nav-caseworker', 'nav-office'],
    ['hub-admin', 'hub'],
  ] as const)('%s is valid only in a %s', (role, only) => {
    for (const type of ORGANISATION_TYPES) expect(isRoleValidIn(role, type)).toBe(type === only);
  });

  it.each(['coordinator', 'security-officer'] as const)('%s is valid in every organisation', (role) => {
    for (const type of ORGANISATION_TYPES) expect(isRoleValidIn(role, type)).toBe(true);
  });

  it('drops the roles a token names that the organisation cannot have', () => {
    expect(rolesValidIn(['prison-consultant', 'nav-caseworker', 'coordinator'], 'nav-office')).toEqual([
      'nav-caseworker',
      'coordinator',
    ]);
    expect(rolesValidIn(['hub-admin', 'coordinator'], 'municipality')).toEqual(['coordinator']);
    expect(rolesValidIn(['hub-admin', 'coordinator'], 'hub')).toEqual(['hub-admin', 'coordinator']);
  });
});
