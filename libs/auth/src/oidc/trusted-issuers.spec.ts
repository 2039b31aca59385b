import { principalFromMapping } from './claim-mapping';
import { issuerListProblem, localIssuers } from './trusted-issuers';

const [PEOPLE, SYSTEMS] = localIssuers('http://127.0.0.1:8090');

describe('issuerListProblem', () => {
  it('accepts the local issuers', () => {
    expect(issuerListProblem(localIssuers('http://127.0.0.1:8090'))).toBeNull();
  });

  it.each([
    [[], 'must be a non-empty JSON array of issuers'],
    [[{ ...PEOPLE, algorithms: ['HS256'] }], 'issuer 1: algorithm HS256 is not allowed (never none or HS*)'],
    [[{ ...PEOPLE, algorithms: ['none'] }], 'issuer 1: algorithm none is not allowed (never none or HS*)'],
    [
      [{ ...PEOPLE, algorithms: [] }],
      'issuer 1: algorithms must list at least one of RS256, RS384, RS512, PS256, ES256, ES384',
    ],
    [[PEOPLE, PEOPLE], `issuer 2: ${PEOPLE.issuer} is listed twice`],
    [[{ ...PEOPLE, issuer: 'not a url' }], 'issuer 1: issuer must be a URL'],
    [[{ ...PEOPLE, audience: '' }], 'issuer 1: audience is required'],
    [
      [{ ...PEOPLE, claims: { ...PEOPLE.claims, kind: 'robot' } }],
      'issuer 1: claims.kind must be person or system',
    ],
    [
      [{ ...PEOPLE, claims: { ...PEOPLE.claims, roles: { claim: 'groups', values: { g1: ['root'] } } } }],
      'issuer 1: claims.roles.values names unknown role root',
    ],
  ])('refuses %j', (list, problem) => {
    expect(issuerListProblem(list)).toBe(problem);
  });
});

describe('principalFromMapping', () => {
  it("maps an Entra-like token's groups to roles", () => {
    const mapping = {
      kind: 'person' as const,
      user: 'NAVident',
      organisation: 'org',
      roles: { claim: 'groups', values: { 'a1b2-nav-sosial': ['nav-caseworker' as const] } },
    };
    expect(
      principalFromMapping(
        { NAVident: 'Z990001', org: '100000024', groups: ['a1b2-nav-sosial', 'other'] },
        mapping,
      ),
    ).toEqual({
      principal: {
        userId: 'Z990001',
        organisationNumber: '100000024',
        unitId: null,
        roles: ['nav-caseworker'],
      },
    });
  });

  it('refuses a token without the user claim or an organisation number', () => {
    expect(principalFromMapping({ org: '100000024' }, PEOPLE.claims)).toEqual({
      problem: 'the token has no sub claim',
    });
    expect(principalFromMapping({ sub: 'u', org: '1234' }, PEOPLE.claims)).toEqual({
      problem: "the token's org claim is not an organisation number",
    });
    expect(
      principalFromMapping({ client_id: 'c', consumer: { ID: '0192:12345678' } }, SYSTEMS.claims),
    ).toEqual({
      problem: "the token's consumer.ID claim is not an organisation number",
    });
  });

  it('reads no inherited property as a claim', () => {
    expect(
      principalFromMapping({ sub: 'u', org: '100000024' }, { ...PEOPLE.claims, unit: 'constructor' }),
    ).toEqual({
      principal: { userId: 'u', organisationNumber: '100000024', unitId: null, roles: [] },
    });
  });
});
