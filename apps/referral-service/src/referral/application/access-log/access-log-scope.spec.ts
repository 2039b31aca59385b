import { accessLogScope } from './access-log-scope';

const reader = (roles: string[], organisationNumber = '100000016') => ({ organisationNumber, roles });

describe('who may read the access log', () => {
  it('gives the hub’s security officers and administrators all of it', () => {
    expect(accessLogScope(reader(['security-officer'], '100000148'), true)).toEqual({ kind: 'all' });
    expect(accessLogScope(reader(['hub-admin', 'coordinator'], '100000148'), true)).toEqual({ kind: 'all' });
  });

  it('gives an organisation’s security officer their own organisation', () => {
    expect(accessLogScope(reader(['security-officer']), false)).toEqual({
      kind: 'organisation',
      organisationNumber: '100000016',
    });
  });

  it('gives a hub administrator outside the hub organisation nothing beyond their other roles', () => {
    expect(accessLogScope(reader(['hub-admin']), false)).toEqual({ kind: 'none' });
    expect(accessLogScope(reader(['hub-admin', 'coordinator']), false)).toEqual({ kind: 'one-referral' });
  });

  it('keeps a coordinator to one referral at a time, and gives a caseworker nothing', () => {
    expect(accessLogScope(reader(['coordinator', 'housing-caseworker']), false)).toEqual({
      kind: 'one-referral',
    });
    expect(accessLogScope(reader(['housing-caseworker']), false)).toEqual({ kind: 'none' });
    expect(accessLogScope(reader(['nav-caseworker'], '100000148'), true)).toEqual({ kind: 'none' });
  });
});
